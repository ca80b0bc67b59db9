package com.leadloader.sandbox;

/**
 * One field of a sandbox campaign table, with the attributes {@code campaign_fields read} reports.
 * Values longer than {@code size} are cut to it on create and update (0 = no limit).
 *
 * @param name          the canonical field name (requests match it case-insensitively)
 * @param type          varchar, int, datetime, largetext, ...
 * @param size          the number of characters it holds; 0 for no limit
 * @param standardField whether it is one of ContactNow's standard fields
 * @param groupName     the group it is shown in (system, Phone Numbers, Name and Address, Custom)
 * @param readonly      whether agents may not edit it
 * @param hidden        whether agent screens hide it
 * @param required      whether it is marked required
 * @param picklist      the picklist it takes values from, or empty
 * @param prompt        the label agents see (defaults to the name)
 * @param defaultValue  what a record holds when the field was never given (defaults to "")
 * @param nullable      whether a never-given value reads back as null (URN, VENDOR_URN) rather than the default
 */
public record CampaignFieldConfig(
        String name,
        String type,
        int size,
        boolean standardField,
        String groupName,
        boolean readonly,
        boolean hidden,
        boolean required,
        String picklist,
        String prompt,
        String defaultValue,
        boolean nullable) {

    public CampaignFieldConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        type = type == null ? "varchar" : type;
        groupName = groupName == null ? (standardField ? "Name and Address" : "Custom") : groupName;
        picklist = picklist == null ? "" : picklist;
        prompt = prompt == null ? name : prompt;
        defaultValue = defaultValue == null ? "" : defaultValue;
    }

    /** A custom varchar field of the given size. */
    public static CampaignFieldConfig custom(String name, int size) {
        return new CampaignFieldConfig(name, "varchar", size, false, "Custom", false, false, false, "", name, "", false);
    }
}
