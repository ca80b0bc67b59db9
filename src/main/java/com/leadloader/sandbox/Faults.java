package com.leadloader.sandbox;

/**
 * The faults the sandbox injects, drawn from one seeded random sequence (one draw per
 * ecnow.php create or update, in arrival order), so a run with the same seed and the same
 * number of requests injects exactly the same number of each fault.
 *
 * @param latencyMillis     how long every request (token.php included) takes: it is answered this long after
 *                          it arrived, its handling included
 * @param failBeforeRate    share of create/update answered 500 or 503 before anything is stored
 * @param lostAfterRate     share of create/update whose records are stored and whose response is then lost
 * @param lostResponseMode  how that response is lost: the connection closes, or a 502
 * @param resetRate         share of create/update whose connection is closed unread, nothing stored
 * @param maxInFlight       ecnow.php/database.php requests handled at once before 429 answers; 0 = no cap
 * @param retryAfterSeconds the {@code Retry-After} header sent with 429 and 503
 * @param seed              seed of the random sequence
 */
public record Faults(long latencyMillis, double failBeforeRate, double lostAfterRate, LostResponseMode lostResponseMode,
        double resetRate, int maxInFlight, int retryAfterSeconds, long seed) {

    public Faults {
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        checkRate("fail-before-rate", failBeforeRate);
        checkRate("lost-after-rate", lostAfterRate);
        checkRate("reset-rate", resetRate);
        if (failBeforeRate + lostAfterRate + resetRate > 1.0) {
            throw new IllegalArgumentException("the fail, lost and reset rates add up to more than 1");
        }
        if (maxInFlight < 0) {
            throw new IllegalArgumentException("max-in-flight must not be negative (0 = no cap)");
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retry-after-seconds must not be negative");
        }
        lostResponseMode = lostResponseMode == null ? LostResponseMode.DROP_CONNECTION : lostResponseMode;
    }

    /** No faults at all. */
    public static Faults none() {
        return new Faults(0, 0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 1, 0);
    }

    /** Whether any fault that needs a random draw is configured. */
    boolean drawsFaults() {
        return failBeforeRate > 0 || lostAfterRate > 0 || resetRate > 0;
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + rate);
        }
    }
}
