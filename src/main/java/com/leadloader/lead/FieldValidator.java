package com.leadloader.lead;

import com.leadloader.contactnow.CampaignField;
import com.leadloader.source.FixedMap;
import com.leadloader.spec.Suggestions;
import com.leadloader.spec.ValidationSpec;
import com.leadloader.spec.ValidationSpec.OverLong;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks leads against the campaign table's {@code campaign_fields}: the API silently ignores
 * unknown fields and cuts over-long values (contactnow-api.md, decision 4), so the mapping is
 * checked up front and each lead's required and over-long values here. Output field names take
 * the campaign's spelling. Thread-safe.
 */
public final class FieldValidator {

    public static final String MISSING_REQUIRED = "MISSING_REQUIRED";
    public static final String TOO_LONG = "TOO_LONG";

    /**
     * Fields of every campaign record that create cannot set (contactnow-api.md, "Records"), and
     * why: a value mapped to one would be dropped or, for the dataset, fight target.dataset.
     */
    private static final Map<String, String> NOT_SETTABLE = Map.of(
            "id", "is the record's key, which ContactNow assigns when it creates the record",
            "datasetid", "is the record's dataset, which the load sets from target.dataset",
            "processtype", "is set by the dialler from the dataset's state and the record's outcome"
                    + " (New Prospect, HOLD: ..., EXPIRED)");

    private final String table;
    private final ValidationSpec spec;
    private final Map<String, CampaignField> byLowerName = new HashMap<>();
    private final List<String> fieldNames = new ArrayList<>();
    private final Set<String> required = new LinkedHashSet<>();
    private final Map<String, Optional<CampaignField>> byName = new ConcurrentHashMap<>();
    /** By the keys of a lead's fields, the campaign field at each position (null for none). */
    private final Map<FixedMap.Keys<String>, CampaignField[]> byKeys = new ConcurrentHashMap<>();

    /**
     * @param table       the campaign table's name, for messages
     * @param fields      its fields, as {@code campaign_fields read} lists them
     * @param spec        the job's validation rules
     * @param markerField the field the writer fills with the load marker (exempt from the required check)
     */
    public FieldValidator(String table, List<CampaignField> fields, ValidationSpec spec, String markerField) {
        this.table = table;
        this.spec = spec;
        for (CampaignField f : fields) {
            byLowerName.put(lower(f.name()), f);
            fieldNames.add(f.name());
        }
        for (CampaignField f : fields) {
            if (f.required()) {
                required.add(f.name());
            }
        }
        for (String name : spec.required()) {
            CampaignField f = byLowerName.get(lower(name));
            required.add(f == null ? name : f.name());
        }
        if (markerField != null) {
            required.removeIf(name -> name.equalsIgnoreCase(markerField));
        }
    }

    /**
     * The spec errors the campaign's fields reveal: mapped fields, the marker field or required
     * fields the table lacks, mapped fields create cannot set ({@code id}), and required fields
     * nothing fills, e.g. {@code mapping.MobilePhne: campaign table 'Sales' has no field
     * 'MobilePhne' (did you mean 'MobilePhone'?)}; empty when none.
     */
    public List<String> checkMapping(Set<String> mappedFields, String markerField) {
        List<String> errors = new ArrayList<>();
        for (String name : mappedFields) {
            String notSettable = NOT_SETTABLE.get(lower(name));
            if (notSettable != null) {
                errors.add("mapping." + name + ": " + name + " " + notSettable + "; create cannot set it,"
                        + " so map this column to another field or leave it out");
            } else {
                unknown("mapping." + name, name, errors);
            }
        }
        if (markerField != null) {
            unknown("load.marker-field", markerField, errors);
        }
        for (String name : spec.required()) {
            unknown("validation.required", name, errors);
        }
        for (String name : required) {
            boolean mapped = mappedFields.stream().anyMatch(name::equalsIgnoreCase);
            if (!mapped && !PhoneProcessor.isPhoneField(name) && byLowerName.containsKey(lower(name))) {
                errors.add("mapping: campaign table '" + table + "' requires field '" + name
                        + "', which the mapping does not fill");
            }
        }
        return errors;
    }

    private void unknown(String where, String name, List<String> errors) {
        if (!byLowerName.containsKey(lower(name))) {
            errors.add(where + ": campaign table '" + table + "' has no field '" + name + "'"
                    + Suggestions.hint(name, fieldNames));
        }
    }

    /** The lead with field names in the campaign's spelling, or BAD when a value is missing or too long. */
    public Lead validate(Lead lead) {
        if (!lead.isValid()) {
            return lead;
        }
        if (namedAsTheCampaignAndFitting(lead.fixedFields())) {
            return required(lead, lead.fields(), lead); // nothing to rename or cut: no copy of the fields
        }
        LinkedHashMap<String, String> fields = new LinkedHashMap<>(lead.fields().size() * 4 / 3 + 1);
        List<String> warnings = new ArrayList<>();
        Lead verdict = null;
        for (Map.Entry<String, String> e : lead.fields().entrySet()) {
            CampaignField field = fieldNamed(e.getKey());
            String name = field == null ? e.getKey() : field.name();
            String value = e.getValue();
            if (field != null && field.size() > 0 && value != null) {
                int length = value.codePointCount(0, value.length());
                if (length > field.size()) {
                    if (spec.overLong() == OverLong.REJECT) {
                        verdict = verdict != null ? verdict : lead.bad(TOO_LONG, lead.where() + ": " + name
                                + " is " + length + " characters, longer than its field in campaign table '"
                                + table + "' (size " + field.size() + "); shorten it at the source or set"
                                + " validation.over-long: truncate in the job spec");
                    } else {
                        value = value.substring(0, value.offsetByCodePoints(0, field.size()));
                        warnings.add(name + " (" + lead.where() + ") truncated from " + length
                                + " to " + field.size() + " characters");
                    }
                }
            }
            fields.put(name, value);
        }
        if (verdict != null) {
            return verdict;
        }
        return required(lead, fields, lead.withFields(FixedMap.copyOf(fields)).withWarnings(warnings));
    }

    /** {@code result}, or it marked bad when one of the campaign's required fields is empty in {@code fields}. */
    private Lead required(Lead lead, Map<String, String> fields, Lead result) {
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            String value = fields.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return result;
        }
        return result.bad(MISSING_REQUIRED, lead.where() + ": required field"
                + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                + (missing.size() > 1 ? " are" : " is") + " empty");
    }

    /** Whether every field already has its campaign field's own name and fits its size (the usual lead). */
    private boolean namedAsTheCampaignAndFitting(FixedMap<String, String> fields) {
        CampaignField[] campaign = campaignFields(fields.keys());
        for (int i = 0; i < campaign.length; i++) {
            CampaignField field = campaign[i];
            if (field == null) {
                continue;
            }
            if (!field.name().equals(fields.keys().name(i))) {
                return false;
            }
            String value = fields.valueAt(i);
            if (field.size() > 0 && value != null && value.length() > field.size()
                    && value.codePointCount(0, value.length()) > field.size()) {
                return false;
            }
        }
        return true;
    }

    /** The campaign's field for each of these keys, by position (null where it has none); remembered. */
    private CampaignField[] campaignFields(FixedMap.Keys<String> keys) {
        CampaignField[] campaign = byKeys.get(keys);
        if (campaign == null) {
            campaign = new CampaignField[keys.size()];
            for (int i = 0; i < campaign.length; i++) {
                campaign[i] = keys.name(i) == null ? null : fieldNamed(keys.name(i));
            }
            if (byKeys.size() < 1024) {
                byKeys.put(keys, campaign);
            }
        }
        return campaign;
    }

    /** The campaign's field of that name in any case, or null; remembered, as leads repeat the same few names. */
    private CampaignField fieldNamed(String name) {
        Optional<CampaignField> field = byName.get(name);
        if (field == null) {
            field = Optional.ofNullable(byLowerName.get(lower(name)));
            if (byName.size() < 1024) {
                byName.put(name, field);
            }
        }
        return field.orElse(null);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
