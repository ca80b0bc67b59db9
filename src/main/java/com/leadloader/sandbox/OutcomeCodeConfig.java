package com.leadloader.sandbox;

/**
 * An outcome code: {@code complete} Y takes a record off the dialler; N keeps it on
 * (a code other than the "new" code 100 makes it a callback, ProcessType NEEDSMOREWORK).
 */
public record OutcomeCodeConfig(int code, String description, String complete) {

    public OutcomeCodeConfig {
        if (code <= 0) {
            throw new IllegalArgumentException("code must be a positive number");
        }
        description = description == null ? "" : description;
        complete = complete == null ? "N" : complete.toUpperCase(java.util.Locale.ROOT);
        if (!complete.equals("Y") && !complete.equals("N")) {
            throw new IllegalArgumentException("complete must be Y or N, not '" + complete + "'");
        }
    }

    /** Whether a record given this outcome leaves the dialler. */
    public boolean isComplete() {
        return complete.equals("Y");
    }
}
