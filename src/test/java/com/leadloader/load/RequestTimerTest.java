package com.leadloader.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadloader.contactnow.AmbiguousOutcomeException;
import com.leadloader.contactnow.ApiException;
import com.leadloader.contactnow.AuthenticationException;
import com.leadloader.contactnow.RequestNotSentException;
import com.leadloader.contactnow.TokenException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestTimerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestTimer timer = new RequestTimer(registry);

    @Test
    void eachCallIsCountedUnderItsOperationAndOutcome() {
        assertThat(timer.time("create", () -> "done")).isEqualTo("done");
        timer.time("create", () -> 1);
        timer.time("read", () -> 1);
        fail("create", new RequestNotSentException("429", Duration.ZERO, null));
        fail("create", new AmbiguousOutcomeException("502", 502, Duration.ZERO, null));
        fail("read", new ApiException("refused", "bad search"));
        fail("read", new AuthenticationException("denied", "Authentication failure"));
        fail("create", new TokenException("expired", "Token expired"));
        fail("create", new IllegalStateException("bug"));

        assertThat(count("create", "ok")).isEqualTo(2);
        assertThat(count("read", "ok")).isEqualTo(1);
        assertThat(count("create", "not_sent")).isEqualTo(1);
        assertThat(count("create", "ambiguous")).isEqualTo(1);
        assertThat(count("read", "api")).isEqualTo(1);
        assertThat(count("read", "auth")).isEqualTo(1);
        assertThat(count("create", "token")).isEqualTo(1);
        assertThat(count("create", "other")).isEqualTo(1);
    }

    private void fail(String operation, RuntimeException error) {
        assertThatThrownBy(() -> timer.time(operation, () -> {
            throw error;
        })).isSameAs(error);
    }

    private long count(String operation, String outcome) {
        return registry.get(RequestTimer.NAME).tag("operation", operation).tag("outcome", outcome).timer().count();
    }
}
