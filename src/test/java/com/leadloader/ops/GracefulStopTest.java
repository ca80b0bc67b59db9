package com.leadloader.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

class GracefulStopTest {

    private static final Signal TERM = new Signal("TERM");
    private static final Signal INT = new Signal("INT");

    @AfterEach
    void nothingLeftArmed() {
        GracefulStop.disarm();
    }

    @Test
    void aRunTakesOverTermAndIntAndGivesThemBackWhenItReturns() {
        String term = current(TERM);
        String interrupt = current(INT);

        new GracefulStop(null, Duration.ofSeconds(50)).arm();
        assertThat(GracefulStop.isArmed()).isTrue();
        assertThat(current(TERM)).as("SIGTERM no longer begins the JVM's shutdown").isNotEqualTo(term);
        assertThat(current(INT)).isNotEqualTo(interrupt);

        GracefulStop.disarm();

        assertThat(GracefulStop.isArmed()).isFalse();
        // The JVM's own handling again: a JVM that ran the command in-process exits as it would have.
        assertThat(current(TERM)).isEqualTo(term);
        assertThat(current(INT)).isEqualTo(interrupt);
    }

    @Test
    void theNextRunInTheSameJvmArmsAgain() {
        String term = current(TERM);
        GracefulStop stop = new GracefulStop(null, Duration.ofSeconds(50));
        stop.arm();
        String first = current(TERM);
        stop.arm();
        assertThat(current(TERM)).as("armed twice, installed once").isEqualTo(first);
        GracefulStop.disarm();
        assertThat(current(TERM)).as("disarmed once, the JVM's own again").isEqualTo(term);

        stop.arm();

        assertThat(GracefulStop.isArmed()).isTrue();
        assertThat(current(TERM)).isNotEqualTo(term);
    }

    /**
     * The handler installed for {@code signal}, left installed. Looked at by swapping in a handler
     * that does nothing for a moment: once SIG_IGN is set for SIGTERM the JVM never installs a
     * handler for it again. Named by what it wraps.
     */
    private static String current(Signal signal) {
        SignalHandler handler = Signal.handle(signal, s -> { });
        Signal.handle(signal, handler);
        // The JVM's own handler comes back in a new wrapper each time, "Terminator$1@... (SunMiscHandler@...)".
        return handler.toString().replaceFirst(" \\(SunMiscHandler@.*\\)$", "");
    }
}
