package com.leadloader.contactnow;

/**
 * One field of a campaign table, as {@code campaign_fields read} describes it.
 *
 * @param name          the field name (matched case-insensitively by the API)
 * @param type          smalltext, varchar, select, radio, checkbox, largetext, int, datetime, ...
 * @param size          the number of characters it holds
 * @param standardField whether it was a standard field when created
 * @param groupName     the group it is shown in (system, Phone Numbers, ...)
 * @param readonly      whether agents may not edit it
 * @param hidden        whether agent screens hide it
 * @param required      whether every record needs a value
 * @param picklist      the picklist it takes values from, or empty
 * @param order         display order
 */
public record CampaignField(
        String name,
        String type,
        int size,
        boolean standardField,
        String groupName,
        boolean readonly,
        boolean hidden,
        boolean required,
        String picklist,
        int order) {
}
