package com.leadloader.ledger;

/** A lead's fate as the ledger records it. PENDING is the only state that is not final. */
public enum LeadState {
    /** Sent, or about to be sent; its outcome is not known yet (reconciled by marker on restart). */
    PENDING,
    /** Created in ContactNow; the ledger holds its key. */
    CREATED,
    /** Not loadable as it is (processing or the API refused it); the reason says why. */
    BAD,
    /** The same person as an earlier lead. */
    DUPLICATE,
    /** On a suppression list. */
    SUPPRESSED,
    /** Retries ran out; surely not created. {@code rerun-failed} sends these again. */
    FAILED;

    /** Whether a row in this state holds its dedupe key against later leads. */
    boolean claims() {
        return this == PENDING || this == CREATED || this == FAILED;
    }
}
