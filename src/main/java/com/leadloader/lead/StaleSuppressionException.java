package com.leadloader.lead;

import com.leadloader.cli.UserError;

/**
 * A suppression list is older than the spec allows (or undated), and the spec says to refuse the run.
 * The fix is a fresh screening of the list, or {@code suppression.on-stale: warn}.
 */
public class StaleSuppressionException extends UserError {

    public StaleSuppressionException(String message) {
        super(message);
    }
}
