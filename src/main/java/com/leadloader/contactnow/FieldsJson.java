package com.leadloader.contactnow;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fields as JSON text, an object of string values (null where a value is null), written on a Jackson
 * generator: the same text {@code writeValueAsString} gives for these maps, without the mapper's
 * serializer look-up for every key and value. A load writes three of these a lead (the create
 * payload, and the ledger's source values and fields), so it is a real share of a load's time.
 */
public final class FieldsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FieldsJson() {
    }

    /** One map as a JSON object. */
    public static String object(Map<String, String> fields) {
        StringWriter out = new StringWriter(64 + fields.size() * 24);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, fields);
        }
        return out.toString();
    }

    /** Maps as a JSON array of objects: the body of a create. */
    public static String array(List<? extends Map<String, String>> records) {
        StringWriter out = new StringWriter(256 * records.size() + 2);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (Map<String, String> record : records) {
                write(g, record);
            }
            g.writeEndArray();
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Map<String, String> fields) {
        g.writeStartObject();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            g.writeName(e.getKey());
            if (e.getValue() == null) {
                g.writeNull();
            } else {
                g.writeString(e.getValue());
            }
        }
        g.writeEndObject();
    }
}
