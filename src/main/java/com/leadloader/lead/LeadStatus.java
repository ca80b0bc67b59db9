package com.leadloader.lead;

/** What processing decided about a lead. Only {@link #VALID} leads are sent. */
public enum LeadStatus {
    /** Ready to be created in ContactNow. */
    VALID,
    /** Cannot be loaded as it is; the reason says what to fix. */
    BAD,
    /** The same person as an earlier lead (this run, or loaded before). */
    DUPLICATE,
    /** On a suppression list. */
    SUPPRESSED
}
