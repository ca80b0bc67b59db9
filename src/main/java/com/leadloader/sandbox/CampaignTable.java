package com.leadloader.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A campaign table of the sandbox: its name, its fields in order, and the field whose values
 * are indexed for prefix search (the loader's load marker, {@code VENDOR_URN} by default).
 */
public record CampaignTable(String name, String markerField, List<CampaignFieldConfig> fields) {

    /** The fields every campaign table has and the sandbox maintains itself. */
    static final List<String> SYSTEM_FIELDS = List.of(
            "id", "datasetid", "ProcessType", "outcomecode", "HomePhone", "WorkPhone", "MobilePhone");

    public CampaignTable {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        fields = fields == null ? List.of() : List.copyOf(fields);
        markerField = markerField == null ? "VENDOR_URN" : markerField;
        Set<String> names = fields.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (names.size() != fields.size()) {
            throw new IllegalArgumentException("table '" + name + "' names a field twice");
        }
        for (String system : SYSTEM_FIELDS) {
            if (!names.contains(system.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("table '" + name + "' lacks the system field '" + system + "'");
            }
        }
        if (!names.contains(markerField.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("table '" + name + "' has no marker field '" + markerField + "'");
        }
    }
}
