package com.leadloader.contactnow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class FieldsJsonTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Values a lead really carries: quotes, backslashes, control characters, non-Latin text, nulls. */
    private static Map<String, String> awkward() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("FirstName", "Zoë \"Zee\"");
        fields.put("Address1", "Flat 2\\3\nHigh St\t");
        fields.put("notes", "\u0001 ünïcødé 東京 🙂");
        fields.put("Address2", null);
        fields.put("", "");
        return fields;
    }

    @Test
    void anObjectIsTheTextTheMapperWritesAndReadsBackTheSame() {
        Map<String, String> fields = awkward();

        String text = FieldsJson.object(fields);

        assertThat(text).isEqualTo(MAPPER.writeValueAsString(fields));
        assertThat(MAPPER.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { }))
                .containsExactlyEntriesOf(fields);
    }

    @Test
    void anArrayHoldsEachRecordInOrder() {
        List<Map<String, String>> records = List.of(awkward(), Map.of("MobilePhone", "07700900123"), Map.of());

        assertThat(FieldsJson.array(records)).isEqualTo(MAPPER.writeValueAsString(records));
        assertThat(FieldsJson.array(List.of())).isEqualTo("[]");
    }
}
