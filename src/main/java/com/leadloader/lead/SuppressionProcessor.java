package com.leadloader.lead;

/**
 * Marks leads found on a suppression list SUPPRESSED ({@code SUPPRESSED_PHONE} or
 * {@code SUPPRESSED_EMAIL}), naming the list. Thread-safe.
 */
public final class SuppressionProcessor {

    public static final String SUPPRESSED_PHONE = "SUPPRESSED_PHONE";
    public static final String SUPPRESSED_EMAIL = "SUPPRESSED_EMAIL";

    private final SuppressionList list;

    public SuppressionProcessor(SuppressionList list) {
        this.list = list;
    }

    /** The lead, SUPPRESSED when one of its phones or emails is on a list. */
    public Lead process(Lead lead) {
        if (!lead.isValid()) {
            return lead;
        }
        return list.find(lead)
                .map(m -> lead.suppressed(
                        m.kind() == SuppressionList.Kind.PHONE ? SUPPRESSED_PHONE : SUPPRESSED_EMAIL,
                        lead.where() + ": " + m.field() + " is on the suppression list '" + m.file() + "'"))
                .orElse(lead);
    }
}
