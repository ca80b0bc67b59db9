package com.leadloader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.xml.XmlMapper;

class ResponseWriterTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ResponseWriter writer = new ResponseWriter(json, XmlMapper.builder().build());

    @Test
    void aReadAnswerIsTheJsonTheMapperWrites() {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("id", "550447");
        record.put("FirstName", "Zoë \"Zee\"\n");
        record.put("URN", null);
        List<Object> items = new ArrayList<>(List.of(record, Map.of("count", 3)));
        items.add(null);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", true);
        envelope.put("total", 2L);
        envelope.put("expire", -1);
        envelope.put("error", null);
        envelope.put("data", items);
        envelope.put("names", List.of("a", "b"));
        envelope.put("nested", Map.of("k", "v"));

        assertThat(new String(writer.json(envelope), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(json.writeValueAsString(envelope));
    }
}
