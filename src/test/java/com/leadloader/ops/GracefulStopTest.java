package com.leadloader.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GracefulStopTest {

    @AfterEach
    void noHookLeftBehind() {
        GracefulStop.disarm();
    }

    @Test
    void aRunCommandThatHasReturnedLeavesNoShutdownHookToWaitOutTheGrace() {
        new GracefulStop(null, Duration.ofSeconds(50)).arm();
        Thread hook = GracefulStop.armedHook();
        assertThat(hook).isNotNull();

        GracefulStop.disarm();

        assertThat(GracefulStop.armedHook()).isNull();
        // false: the JVM no longer holds the hook, so its exit does not run it
        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse();
    }

    @Test
    void theNextRunInTheSameJvmArmsAHookAgain() {
        GracefulStop stop = new GracefulStop(null, Duration.ofSeconds(50));
        stop.arm();
        Thread first = GracefulStop.armedHook();
        stop.arm();
        assertThat(GracefulStop.armedHook()).as("armed twice, installed once").isSameAs(first);
        GracefulStop.disarm();

        stop.arm();

        assertThat(GracefulStop.armedHook()).isNotNull().isNotSameAs(first);
    }
}
