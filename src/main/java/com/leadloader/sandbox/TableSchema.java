package com.leadloader.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A campaign table's fields by position, with case-insensitive lookup of the canonical name
 * and the positions of the fields the sandbox maintains itself.
 */
final class TableSchema {

    final CampaignTable table;
    final String name;
    final List<CampaignFieldConfig> fields;
    final int id;
    final int datasetid;
    final int processType;
    final int outcomecode;
    final int homePhone;
    final int workPhone;
    final int mobilePhone;
    final int marker;
    final int loaddate;
    final int sourcefile;
    final int notes;
    final int processDate;
    final int agentRef;
    final int callback;
    private final Map<String, Integer> byLowerName = new HashMap<>();
    /**
     * Names as clients spell them, found before: a create names every field of every record, and
     * lower-casing each was a thirtieth of the sandbox's time. Only found names are kept, at most
     * {@link #MAX_SPELLINGS}, so what a client sends cannot grow it without bound.
     */
    private final Map<String, Integer> bySpelling = new ConcurrentHashMap<>();
    private static final int MAX_SPELLINGS = 1024;

    TableSchema(CampaignTable table) {
        this.table = table;
        this.name = table.name();
        this.fields = table.fields();
        for (int i = 0; i < fields.size(); i++) {
            byLowerName.put(fields.get(i).name().toLowerCase(Locale.ROOT), i);
        }
        id = index("id");
        datasetid = index("datasetid");
        processType = index("ProcessType");
        outcomecode = index("outcomecode");
        homePhone = index("HomePhone");
        workPhone = index("WorkPhone");
        mobilePhone = index("MobilePhone");
        marker = index(table.markerField());
        loaddate = index("loaddate");
        sourcefile = index("sourcefile");
        notes = index("notes");
        processDate = index("ProcessDate");
        agentRef = index("AgentRef");
        callback = index("callback");
    }

    /** The position of a field named case-insensitively, or -1. */
    int index(String fieldName) {
        Integer i = bySpelling.get(fieldName);
        if (i == null) {
            i = byLowerName.get(fieldName.toLowerCase(Locale.ROOT));
            if (i == null) {
                return -1;
            }
            if (bySpelling.size() < MAX_SPELLINGS) {
                bySpelling.put(fieldName, i);
            }
        }
        return i;
    }

    String fieldName(int index) {
        return fields.get(index).name();
    }

    int size() {
        return fields.size();
    }

    /** Fields whose values the sandbox sets itself; a payload cannot write them. */
    boolean systemManaged(int index) {
        return index == id || index == datasetid || index == processType || index == loaddate
                || index == sourcefile || index == processDate;
    }

    /** Fields held in their own slot of a stored record rather than in its packed extras. */
    boolean dedicatedSlot(int index) {
        return index == id || index == datasetid || index == processType || index == outcomecode
                || index == homePhone || index == workPhone || index == mobilePhone || index == marker
                || index == loaddate || index == sourcefile;
    }

    /** Cuts a value to the field's size, as the vendor's MySQL columns do (decision 4 of the API note). */
    String fit(int index, String value) {
        int size = fields.get(index).size();
        if (size > 0 && value.length() > size) {
            return value.substring(0, size);
        }
        return value;
    }
}
