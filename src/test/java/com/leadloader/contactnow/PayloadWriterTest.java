package com.leadloader.contactnow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.xml.XmlMapper;

class PayloadWriterTest {

    private static Map<String, String> record(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void jsonBodyIsAnArrayOfObjectsLikeTheArticlesPayload() {
        String body = new PayloadWriter(ContactNowProperties.Format.JSON).write(List.of(
                record("title", "Mr", "firstname", "Joe", "lastname", "Blogs", "mobilephone", "07123456789",
                        "dataset", "100", "company_name", "Company Name")));

        assertThat(body).isEqualTo("[{\"title\":\"Mr\",\"firstname\":\"Joe\",\"lastname\":\"Blogs\","
                + "\"mobilephone\":\"07123456789\",\"dataset\":\"100\",\"company_name\":\"Company Name\"}]");
    }

    @Test
    void xmlBodyIsEasycallWithOneEcnowRecordsElementPerRecord() {
        String body = new PayloadWriter(ContactNowProperties.Format.XML).write(List.of(
                record("FirstName", "Joe & Jo", "dataset", "100", "MobilePhone", "07123456789"),
                record("FirstName", "Ann", "dataset", "100", "MobilePhone", "07123456780")));

        assertThat(body).startsWith("<?xml").contains("<easycall><ecnow_records><FirstName>Joe &amp; Jo</FirstName>")
                .endsWith("</ecnow_records></easycall>");
        JsonNode tree = XmlMapper.builder().build().readTree(body);
        assertThat(tree.get("ecnow_records").isArray()).isTrue();
        assertThat(tree.get("ecnow_records").get(1).get("FirstName").asString()).isEqualTo("Ann");
    }
}
