package com.leadloader.contactnow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
}
