package com.leadloader.contactnow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import okio.Buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseParserTest {

    private final ResponseParser json = new ResponseParser(ContactNowProperties.Format.JSON);
    private final ResponseParser xml = new ResponseParser(ContactNowProperties.Format.XML);

    @Test
    void jsonCreateAnswerGivesCountsKeyAndDiallerState() {
        ApiResponse r = json.parse(Fixtures.read("create-response.json"));

        assertThat(r.success()).isTrue();
        assertThat(r.total()).isEqualTo(1);
        assertThat(r.bad()).isZero();
        assertThat(r.key()).isEqualTo(550447L);
        assertThat(r.info()).isEqualTo("Record is LIVE on the dialer.");
        assertThat(r.error()).isNull();
    }

    @Test
    void xmlCreateAnswerReadsOneAsSuccessAndNumbersFromText() {
        ApiResponse r = xml.parse(Fixtures.read("create-response.xml"));

        assertThat(r.success()).isTrue();
        assertThat(r.total()).isEqualTo(1);
        assertThat(r.bad()).isZero();
        assertThat(r.key()).isEqualTo(550423L);
        assertThat(r.info()).isEqualTo("Record is LIVE on the dialer.");
    }

    @Test
    void completeOutcomeAnswerReadsTheSameInBothFormats() {
        ApiResponse fromJson = json.parse(Fixtures.read("complete-outcome-response.json"));
        ApiResponse fromXml = xml.parse(Fixtures.read("complete-outcome-response.xml"));

        assertThat(fromXml).isEqualTo(fromJson);
        assertThat(fromJson.info()).isEqualTo("Record is NOT live on the dialer due having a complete outcome.");
    }

    @Test
    void jsonReadListGivesRecordsWithNullsAsEmptyText() {
        ApiResponse r = json.parse(Fixtures.read("read-response.json"));

        assertThat(r.list()).hasSize(1);
        Map<String, String> record = r.list().get(0);
        assertThat(record).containsEntry("id", "550431").containsEntry("MobilePhone", "07123456789")
                .containsEntry("ProcessType", "New Prospect").containsEntry("VENDOR_URN", "")
                .containsEntry("URN", "");
        assertThat(record.keySet()).startsWith("Address1", "Address2");
    }

    @Test
    void xmlReadListGivesEcnowRecordElementsWithEmptyElementsAsEmptyText() {
        ApiResponse r = xml.parse(Fixtures.read("read-response.xml"));

        assertThat(r.success()).isTrue();
        assertThat(r.total()).isEqualTo(2);
        assertThat(r.list()).hasSize(1);
        Map<String, String> record = r.list().get(0);
        assertThat(record).containsEntry("id", "550423").containsEntry("LastName", "Blogs")
                .containsEntry("Address1", "").containsEntry("VENDOR_URN", "").containsEntry("AgentRef", "0");
    }

    @Test
    void xmlListWithSeveralItemsKeepsThemAll() {
        ApiResponse r = xml.parse("<result><success>1</success><list><ecnow_record><id>1</id></ecnow_record>"
                + "<ecnow_record><id>2</id></ecnow_record><ecnow_record><id>3</id></ecnow_record></list></result>");

        assertThat(r.list()).extracting(m -> m.get("id")).containsExactly("1", "2", "3");
    }

    @Test
    void emptyXmlListIsNoRecords() {
        assertThat(xml.parse("<result><success>1</success><total>0</total><list/></result>").list()).isEmpty();
    }

    @Test
    void phpListWithIndexGapsIsReadAsItsValues() {
        ApiResponse r = json.parse(Fixtures.read("campaign-tables-read.json"));

        assertThat(r.list()).extracting(m -> m.get("name"))
                .containsExactly("APItestcampaign", "BradOutbound", "Willtest");
    }

    @Test
    void numbersAsStringsAndSuccessAsDigitAreAccepted() {
        ApiResponse r = json.parse("{\"success\":\"1\",\"total\":\"3\",\"bad\":\"1\",\"key\":\"42\"}");

        assertThat(r.success()).isTrue();
        assertThat(r.total()).isEqualTo(3);
        assertThat(r.bad()).isEqualTo(1);
        assertThat(r.key()).isEqualTo(42L);
    }

    @Test
    void tokenRefusalsAreRecognisedByTextOrExpireMinusOne() {
        assertThat(json.parse(Fixtures.read("expired-token.json")).isTokenRefusal()).isTrue();
        assertThat(json.parse(Fixtures.read("invalid-token.json")).isTokenRefusal()).isTrue();
        assertThat(json.parse("{\"success\":false,\"error\":\"Unknown token\"}").isTokenRefusal()).isTrue();
        assertThat(xml.parse("<result><success>0</success><expire>-1</expire></result>").isTokenRefusal()).isTrue();
        assertThat(json.parse(Fixtures.read("no-file-uploaded.json")).isTokenRefusal()).isFalse();
        assertThat(json.parse(Fixtures.read("token-authentication-failure.json")).isTokenRefusal()).isFalse();
    }

    @Test
    void tokenAnswerGivesTokenAndExpiry() {
        ApiResponse r = json.parse(Fixtures.read("token-get.json"));

        assertThat(r.token()).isEqualTo("13036ea7...");
        assertThat(r.expire()).isEqualTo(1510514548L);
    }

    @Test
    void failedUpdateIsSuccessWithOneBadAndTheServersText() {
        ApiResponse r = json.parse(Fixtures.read("update-missing-id.json"));

        assertThat(r.success()).isTrue();
        assertThat(r.totalOrZero()).isZero();
        assertThat(r.badOrZero()).isEqualTo(1);
        assertThat(r.error()).isEqualTo("Record id [2499265] does not exist.");
    }

    @Test
    void theArticlesXmlAsPrintedIsNotWellFormedAndIsRefused() {
        assertThatThrownBy(() -> xml.parse(Fixtures.read("read-response-as-documented.xml")))
                .isInstanceOf(ResponseFormatException.class);
        assertThatThrownBy(() -> xml.parse(Fixtures.read("create-response-as-documented.xml")))
                .isInstanceOf(ResponseFormatException.class);
    }

    @Test
    void htmlOrEmptyBodiesAreRefused() {
        assertThatThrownBy(() -> json.parse("<html><body>Bad gateway</body></html>"))
                .isInstanceOf(ResponseFormatException.class);
        assertThatThrownBy(() -> json.parse("")).isInstanceOf(ResponseFormatException.class);
        assertThatThrownBy(() -> json.parse("[1,2]")).isInstanceOf(ResponseFormatException.class);
        assertThatThrownBy(() -> json.parse("{\"success\":true,\"total\":\"many\"}"))
                .isInstanceOf(ResponseFormatException.class);
    }

    @Test
    void aJsonAnswerToAnXmlRequestIsStillRead() {
        assertThat(xml.parse(Fixtures.read("token-get.json")).token()).isEqualTo("13036ea7...");
    }

    // ---- reading only some fields of each record (key read-backs) ----------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"read-response.json", "campaign-tables-read.json", "datasets-read.json",
            "campaign-fields-read.json", "create-response.json", "expired-token.json", "update-missing-id.json"})
    void keepingFieldsReadsTheEnvelopeAndTheKeptFieldsAsTheWholeAnswerHasThem(String fixture) {
        String body = Fixtures.read(fixture);
        Set<String> keep = Set.of("id", "vendor_urn", "name", "mobilephone");

        assertSameAsWholeAnswer(json.parse(body, keep), json.parse(body), keep);
        assertThat(json.parse(answer(body), keep)).usingRecursiveComparison().isEqualTo(json.parse(body, keep));
        assertThat(json.parse(answer(body), null)).usingRecursiveComparison().isEqualTo(json.parse(body));
    }

    @Test
    void anAnswerStreamedFromItsBytesReadsAsItsTextDoes() {
        // Multi-byte UTF-8 split anywhere across Okio's segments, a byte order mark, leading white space.
        String name = "Zo\u00eb \u0141ukasz \u2603 \ud83d\udcde ".repeat(800);
        String body = "\uFEFF \r\n{\"success\":true,\"total\":2,\"list\":[{\"id\":1,\"FirstName\":\"" + name
                + "\",\"VENDOR_URN\":\"LL1.0.0\"},{\"id\":2,\"FirstName\":\"\u00e9\",\"VENDOR_URN\":\"LL1.0.1\"}]}";
        Set<String> keep = Set.of("id", "firstname", "vendor_urn");

        ApiResponse streamed = json.parse(answer(body), keep);

        assertThat(streamed.list()).extracting(r -> r.get("FirstName")).containsExactly(name, "\u00e9");
        assertThat(streamed).usingRecursiveComparison().isEqualTo(json.parse(body.substring(1), keep));
        assertThatThrownBy(() -> json.parse(answer("{\"success\":1,\"list\":[{\"id\":1},"), keep))
                .isInstanceOf(ResponseFormatException.class).hasMessageContaining("not well-formed JSON");
        assertThatThrownBy(() -> json.parse(answer(" \n "), keep))
                .isInstanceOf(ResponseFormatException.class).hasMessageContaining("empty response body");
        assertThatThrownBy(() -> json.parse(answer("<html>oops</html>"), keep))
                .isInstanceOf(ResponseFormatException.class);
    }

    private static HttpTransport.Answer answer(String body) {
        return new HttpTransport.Answer(200, new Buffer().writeUtf8(body));
    }

    @Test
    void keptFieldsAreFoundInEveryShapeOfListAndInAnyCase() {
        String body = "{\"success\":true,\"total\":\"5\",\"info\":{\"note\":[1,2]},\"list\":"
                + "{\"0\":{\"ID\":7,\"Vendor_Urn\":\"LL1.0.0\",\"x\":{\"deep\":[1]}},"
                + "\"3\":[{\"id\":\"8\",\"VENDOR_URN\":null},{\"id\":9.5,\"VENDOR_URN\":true}]},"
                + "\"error\":null}";
        Set<String> keep = Set.of("id", "vendor_urn");

        ApiResponse kept = json.parse(body, keep);

        assertThat(kept.list()).containsExactly(Map.of("ID", "7", "Vendor_Urn", "LL1.0.0"),
                Map.of("id", "8", "VENDOR_URN", ""), Map.of("id", "9.5", "VENDOR_URN", "true"));
        assertSameAsWholeAnswer(kept, json.parse(body), keep);
        assertThat(json.parse("{\"success\":1,\"list\":[[],[{\"id\":1}]]}", keep).list())
                .containsExactly(Map.of("id", "1"));
        assertThat(json.parse("{\"success\":1,\"list\":null}", keep).list()).isEmpty();
        assertThat(json.parse("{\"success\":1}", keep).list()).isEmpty();
    }

    @Test
    void keepingFieldsOfAnXmlAnswerFiltersTheTree() {
        ApiResponse r = xml.parse(Fixtures.read("read-response.xml"), Set.of("id", "vendor_urn"));

        assertThat(r.total()).isEqualTo(2);
        assertThat(r.list()).containsExactly(Map.of("id", "550423", "VENDOR_URN", ""));
    }

    @Test
    void aStreamedAnswerIsRefusedForWhatTheWholeAnswerIsRefused() {
        Set<String> keep = Set.of("id");

        assertThatThrownBy(() -> json.parse("[1,2]", keep)).isInstanceOf(ResponseFormatException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> json.parse("{\"total\":1,\"list\":[]}", keep))
                .isInstanceOf(ResponseFormatException.class).hasMessageContaining("no 'success'");
        assertThatThrownBy(() -> json.parse("{\"success\":1,\"list\":[{\"id\":1},", keep))
                .isInstanceOf(ResponseFormatException.class).hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> json.parse("{\"success\":1,\"list\":[3]}", keep))
                .isInstanceOf(ResponseFormatException.class).hasMessageContaining("a list item is not an object: NUMBER");
        assertThatThrownBy(() -> json.parse("{\"success\":1,\"total\":\"many\",\"list\":[]}", keep))
                .isInstanceOf(ResponseFormatException.class).hasMessageContaining("'total' is not a number");
    }

    private static void assertSameAsWholeAnswer(ApiResponse kept, ApiResponse whole, Set<String> keep) {
        List<Map<String, String>> filtered = whole.list().stream().map(record -> {
            Map<String, String> fields = new LinkedHashMap<>();
            record.forEach((name, value) -> {
                if (keep.contains(name.toLowerCase(Locale.ROOT))) {
                    fields.put(name, value);
                }
            });
            return fields;
        }).toList();
        assertThat(kept.list()).isEqualTo(filtered);
        assertThat(kept).usingRecursiveComparison().ignoringFields("list").isEqualTo(whole);
    }
}
