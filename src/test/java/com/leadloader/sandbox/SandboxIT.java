package com.leadloader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.xml.XmlMapper;

/** The sandbox over real HTTP: the seeds' examples replayed, and the behaviour the API note documents. */
class SandboxIT {

    private static final XmlMapper XML = XmlMapper.builder().build();
    private static final String SEED_CREATE =
            "[{\"title\":\"Mr\",\"firstname\":\"Joe\",\"lastname\":\"Blogs\",\"mobilephone\":\"07123456789\","
                    + "\"dataset\":\"100\",\"company_name\":\"Company Name\"}]";
    private static final String SEED_XML_CREATE = """
            <easycall>
                <ecnow_records>
                    <id>550447</id>
                    <FirstName>Joe</FirstName>
                    <LastName>Blogs<LastName />
                    <dataset>100</dataset>
                    <MobilePhone>07123456789</MobilePhone>
                    <company_name>Company</company_name>
                </ecnow_records>
            </easycall>""";

    private SandboxServer server;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxConfig.defaults().withPort(0));
        http = new SandboxHttp(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- token.php ----

    @Test
    void tokenGetAnswersAHexTokenAndItsExpiry() {
        long before = System.currentTimeMillis() / 1000;
        JsonNode answer = SandboxHttp.json(http.get("token.php",
                Map.of("action", "get", "username", "sandbox", "password", "sandbox")));
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("token").asString()).matches("[0-9a-f]{32}");
        assertThat(answer.get("expire").asLong()).isBetween(before + 43199 - 1, before + 43199 + 5);
    }

    @Test
    void badCredentialsAnswerAuthenticationFailure() {
        JsonNode answer = SandboxHttp.json(http.get("token.php",
                Map.of("action", "get", "username", "sandbox", "password", "wrong")));
        assertThat(answer.toString()).isEqualTo("{\"success\":false,\"error\":\"Authentication failure\"}");
    }

    @Test
    void validateTellsGoodUnknownAndExpiredTokensApart() {
        String token = http.token();
        JsonNode good = SandboxHttp.json(http.get("token.php", Map.of("action", "validate", "token", token)));
        assertThat(good.get("success").asBoolean()).isTrue();
        assertThat(good.get("expire").asLong()).isPositive();
        JsonNode unknown = SandboxHttp.json(http.get("token.php", Map.of("action", "validate", "token", "abc")));
        assertThat(unknown.toString()).isEqualTo("{\"success\":false,\"error\":\"Invalid token\"}");

        server.store().setTokenTtlSeconds(0);
        String expired = SandboxHttp.json(http.get("token.php",
                Map.of("action", "get", "username", "sandbox", "password", "sandbox"))).get("token").asString();
        JsonNode answer = SandboxHttp.json(http.get("token.php", Map.of("action", "validate", "token", expired)));
        assertThat(answer.toString()).isEqualTo("{\"success\":false,\"error\":\"Expired token\",\"expire\":-1}");
    }

    @Test
    void ecnowRefusesMissingRevokedAndExpiredTokens() {
        JsonNode none = SandboxHttp.json(http.get("ecnow.php",
                Map.of("method", "ecnow_records", "action", "read", "dataset", "100")));
        assertThat(none.toString()).isEqualTo("{\"success\":false,\"error\":\"Unknown token\"}");

        http.read(Map.of("dataset", "100"));
        server.store().revokeTokens();
        assertThat(http.read(Map.of("dataset", "100")).get("error").asString()).isEqualTo("Unknown token");

        server.close();
        server = SandboxServer.start(SandboxConfig.defaults().withPort(0).withTokenTtlSeconds(0));
        http = new SandboxHttp(server);
        assertThat(http.read(Map.of("dataset", "100")).toString())
                .isEqualTo("{\"success\":false,\"error\":\"Expired token\",\"expire\":-1}");
    }

    @Test
    void changedPasswordStopsNewTokens() {
        server.store().setPassword("sandbox", "rotated");
        JsonNode answer = SandboxHttp.json(http.get("token.php",
                Map.of("action", "get", "username", "sandbox", "password", "sandbox")));
        assertThat(answer.get("error").asString()).isEqualTo("Authentication failure");
    }

    // ---- the support article's examples ----

    @Test
    void seedJsonCreateAnswersAsTheSupportArticleShows() {
        JsonNode answer = http.create(SEED_CREATE);
        assertThat(answer.toString()).isEqualTo(
                "{\"success\":true,\"account_id\":\"10278\",\"total\":1,\"bad\":0,\"key\":550447,"
                        + "\"info\":\"Record is LIVE on the dialer.\"}");
    }

    @Test
    void seedXmlCreateAnswersAsTheSupportArticleShows() throws Exception {
        String body = SandboxHttp.text(http.post(http.ecnow("ecnow_records", "create", Map.of("format", "xml")),
                SEED_XML_CREATE, SandboxHttp.FORM));
        assertThat(body).startsWith("<?xml").contains("<result>");
        JsonNode result = XML.readTree(body);
        assertThat(result.get("success").asString()).isEqualTo("1");
        assertThat(result.get("account_id").asString()).isEqualTo("10278");
        assertThat(result.get("total").asString()).isEqualTo("1");
        assertThat(result.get("bad").asString()).isEqualTo("0");
        assertThat(result.get("key").asString()).isEqualTo("550447");
        assertThat(result.get("info").asString()).isEqualTo("Record is LIVE on the dialer.");
        Map<String, String> stored = server.store().record(550447).orElseThrow();
        assertThat(stored).containsEntry("FirstName", "Joe").containsEntry("LastName", "Blogs")
                .containsEntry("MobilePhone", "07123456789").containsEntry("company_name", "Company");
    }

    @Test
    void seedJsonReadListsTheRecordWithCanonicalNames() {
        http.create(SEED_CREATE);
        JsonNode answer = http.read(Map.of("dataset", "100"));
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("total").asInt()).isEqualTo(1);
        JsonNode record = answer.get("list").get(0);
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("Address1", "");
        expected.put("AgentRef", "0");
        expected.put("Agent_Specific", "0");
        expected.put("callback", "0000-00-00 00:00:00");
        expected.put("Call_Back_Notes", "");
        expected.put("Call_Back_Sametime", "0");
        expected.put("company_name", "Company Name");
        expected.put("datasetid", "100");
        expected.put("FirstName", "Joe");
        expected.put("HomePhone", "");
        expected.put("id", "550447");
        expected.put("LastName", "Blogs");
        expected.put("loaddate", LocalDate.now().toString());
        expected.put("MobilePhone", "07123456789");
        expected.put("notes", "");
        expected.put("outcomecode", "100");
        expected.put("Postcode", "");
        expected.put("ProcessDate", "0000-00-00 00:00:00");
        expected.put("ProcessType", "New Prospect");
        expected.put("sourcefile", "api_data_100.dat");
        expected.put("test_field", "");
        expected.put("Title", "Mr");
        expected.put("WorkPhone", "");
        expected.forEach((field, value) -> assertThat(record.get(field).asString()).as(field).isEqualTo(value));
        assertThat(record.get("URN").isNull()).isTrue();
        assertThat(record.get("VENDOR_URN").isNull()).isTrue();
        assertThat(record.propertyNames()).contains("Address6", "Customer_Email");
    }

    @Test
    void seedXmlReadListsEcnowRecordElements() throws Exception {
        http.create(SEED_CREATE);
        http.create(SEED_CREATE);
        String body = SandboxHttp.text(http.get(http.ecnow("ecnow_records", "read",
                Map.of("dataset", "100", "format", "xml"))));
        assertThat(body).contains("<list><ecnow_record>").contains("<ProcessType>New Prospect</ProcessType>");
        JsonNode result = XML.readTree(body);
        assertThat(result.get("success").asString()).isEqualTo("1");
        assertThat(result.get("total").asString()).isEqualTo("2");
        JsonNode records = result.get("list").get("ecnow_record");
        assertThat(records.size()).isEqualTo(2);
        assertThat(records.get(1).get("id").asString()).isEqualTo("550448");
        assertThat(records.get(0).get("sourcefile").asString()).isEqualTo("api_data_100.dat");
    }

    @Test
    void seedJsonAndXmlUpdatesAnswerAsTheSupportArticleShows() throws Exception {
        http.create(SEED_CREATE);
        JsonNode answer = SandboxHttp.json(http.post(http.ecnow("ecnow_records", "update", Map.of()),
                "[{\"id\":\"550447\",\"title\":\"Mr\",\"firstName\":\"Joe\",\"lastName\":\"Blogs\","
                        + "\"mobilephone\":\"07123456789\",\"dataset\":\"100\",\"company_name\":\"Company Name\"}]",
                SandboxHttp.JSON));
        assertThat(answer.toString()).isEqualTo("{\"success\":true,\"account_id\":\"10278\",\"total\":1,\"bad\":0,"
                + "\"info\":\"Record is LIVE on the dialer.\"}");

        String xmlBody = "<?xml version='1.0' encoding='utf-8' ?>\n" + SEED_XML_CREATE;
        JsonNode result = XML.readTree(SandboxHttp.text(http.post(
                http.ecnow("ecnow_records", "update", Map.of("format", "xml")), xmlBody, SandboxHttp.FORM)));
        assertThat(result.get("success").asString()).isEqualTo("1");
        assertThat(result.get("total").asString()).isEqualTo("1");
        assertThat(result.get("bad").asString()).isEqualTo("0");
        assertThat(result.get("key").asString()).isEqualTo("0");
        assertThat(result.get("info").asString()).isEqualTo("Record is LIVE on the dialer.");
        assertThat(server.store().record(550447).orElseThrow()).containsEntry("company_name", "Company");
    }

    @Test
    void guideUpdateWithCompleteOutcomeTakesTheRecordOffTheDialler() {
        http.create("{\"dataset\":3,\"MobilePhone\":\"01234567890\",\"FirstName\":\"Jon\"}");
        JsonNode answer = SandboxHttp.json(http.post(http.ecnow("ecnow_records", "update", Map.of()),
                "{\"id\":550447,\"dataset\":3,\"outcomecode\":510456,\"notes_append\":\"Setting record to Complete.\"}",
                SandboxHttp.FORM));
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("total").asInt()).isEqualTo(1);
        assertThat(answer.get("bad").asInt()).isEqualTo(0);
        assertThat(answer.get("info").asString()).isEqualTo("Record is NOT live on the dialer due having a complete outcome.");
        Map<String, String> record = server.store().record(550447).orElseThrow();
        assertThat(record).containsEntry("outcomecode", "510456").containsEntry("ProcessType", "COMPLETE")
                .containsEntry("notes", "Setting record to Complete.");
        assertThat(record.get("ProcessDate")).isNotEqualTo("0000-00-00 00:00:00");
    }

    @Test
    void updateOfARecordInAnotherDatasetAnswersDoesNotExist() {
        http.create(SEED_CREATE);
        JsonNode answer = SandboxHttp.json(http.post(http.ecnow("ecnow_records", "update", Map.of()),
                "{\"id\":550447,\"dataset\":3,\"outcomecode\":510456}", SandboxHttp.JSON));
        assertThat(answer.toString()).isEqualTo("{\"success\":true,\"account_id\":\"10278\",\"total\":0,\"bad\":1,"
                + "\"error\":\"Record id [550447] does not exist.\"}");
        JsonNode missing = SandboxHttp.json(http.post(http.ecnow("ecnow_records", "update", Map.of()),
                "{\"id\":2499265,\"dataset\":3}", SandboxHttp.JSON));
        assertThat(missing.get("error").asString()).isEqualTo("Record id [2499265] does not exist.");
    }

    @Test
    void guideCallbackUpdateSetsTheCallbackAndAppendsNotes() {
        http.create("{\"dataset\":100,\"MobilePhone\":\"01234567890\",\"notes_append\":\"first\"}");
        http.post(http.ecnow("ecnow_records", "update", Map.of("id", "550447")),
                "{\"dataset\":100,\"callback\":\"2017-12-01 10:00:00\",\"notes_append\":\"second\"}", SandboxHttp.JSON)
                .close();
        assertThat(server.store().record(550447).orElseThrow())
                .containsEntry("callback", "2017-12-01 10:00:00").containsEntry("notes", "first\nsecond");
    }

    // ---- create rules ----

    @Test
    void createWithoutABodyAnswersNoFileUploaded() {
        JsonNode answer = SandboxHttp.json(http.post(http.ecnow("ecnow_records", "create", Map.of()), "", SandboxHttp.FORM));
        assertThat(answer.toString())
                .isEqualTo("{\"success\":false,\"error\":\"No file uploaded. Missing 'easycall' section?\"}");
    }

    @Test
    void createCountsBadRecordsAndReportsTheLastReason() {
        JsonNode answer = http.create("[{\"dataset\":100,\"HomePhone\":\"0111\"},"
                + "{\"dataset\":351,\"HomePhone\":\"0222\"},"
                + "{\"dataset\":100,\"HomePhone\":\"0333\"},"
                + "{\"dataset\":100,\"FirstName\":\"No phone\"}]");
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("total").asInt()).isEqualTo(2);
        assertThat(answer.get("bad").asInt()).isEqualTo(2);
        assertThat(answer.get("key").asLong()).isEqualTo(550448);
        assertThat(answer.get("error").asString()).isEqualTo("No phone number supplied.");
        assertThat(http.create("{\"dataset\":351,\"HomePhone\":\"0222\"}").get("error").asString())
                .isEqualTo("Dataset [351] is EXPIRED.");
        assertThat(http.create("{\"dataset\":999,\"HomePhone\":\"0222\"}").get("error").asString())
                .isEqualTo("Dataset [999] does not exist.");
        assertThat(http.create("{\"HomePhone\":\"0222\"}").get("error").asString()).isEqualTo("No dataset supplied.");
        assertThat(server.store().recordCount()).isEqualTo(2);
    }

    @Test
    void createMatchesFieldNamesIgnoringCaseIgnoresUnknownOnesAndTruncatesLongValues() {
        String longName = "x".repeat(60);
        http.create("{\"DATASET\":100,\"mobilePHONE\":\"07000000001\",\"firstname\":\"" + longName
                + "\",\"no_such_field\":\"?\",\"vendor_urn\":\"M-1\"}");
        Map<String, String> record = server.store().record(550447).orElseThrow();
        assertThat(record).containsEntry("MobilePhone", "07000000001").containsEntry("VENDOR_URN", "M-1")
                .containsEntry("FirstName", "x".repeat(50)).doesNotContainKey("no_such_field");
    }

    @Test
    void createNeverDeduplicates() {
        String lead = "{\"dataset\":100,\"MobilePhone\":\"07000000002\",\"VENDOR_URN\":\"LEAD-42\"}";
        http.create(lead);
        http.create(lead);
        assertThat(server.store().countWhere("VENDOR_URN", "LEAD-42")).isEqualTo(2);
        assertThat(server.store().countWhere("MobilePhone", "07000000002")).isEqualTo(2);
    }

    @Test
    void processTypeFollowsOutcomeAndDatasetStatus() {
        JsonNode hold = http.create("{\"dataset\":3,\"MobilePhone\":\"07000000003\"}");
        assertThat(hold.get("info").asString()).isEqualTo("Record NOT live on the dialer.");
        http.create("{\"dataset\":100,\"MobilePhone\":\"07000000004\",\"outcomecode\":109,"
                + "\"callback\":\"2017-12-10 10:00:00\"}");
        JsonNode complete = http.create("{\"dataset\":100,\"MobilePhone\":\"07000000005\",\"outcomecode\":510456}");
        assertThat(complete.get("info").asString())
                .isEqualTo("Record is NOT live on the dialer due having a complete outcome.");
        SandboxStore store = server.store();
        assertThat(store.record(550447).orElseThrow()).containsEntry("ProcessType", "HOLD: New Prospect");
        assertThat(store.record(550448).orElseThrow()).containsEntry("ProcessType", "NEEDSMOREWORK");
        assertThat(store.record(550449).orElseThrow()).containsEntry("ProcessType", "COMPLETE");

        store.setDatasetStatus(3, "LIVE");
        store.setDatasetStatus(100, "HOLD");
        assertThat(store.record(550447).orElseThrow()).containsEntry("ProcessType", "New Prospect");
        assertThat(store.record(550448).orElseThrow()).containsEntry("ProcessType", "HOLD: NEEDSMOREWORK");
        store.setDatasetStatus(100, "EXPIRED");
        assertThat(store.record(550448).orElseThrow()).containsEntry("ProcessType", "EXPIRED");
        assertThat(store.datasetStatus(100).status()).isEqualTo("EXPIRED");
        assertThat(http.create("{\"dataset\":100,\"MobilePhone\":\"07000000006\"}").get("error").asString())
                .isEqualTo("Dataset [100] is EXPIRED.");
    }

    // ---- how real clients send requests ----

    @Test
    void paramsComeFromQueryFormOrMultipartAndBodiesAreRawWhateverTheContentType() {
        JsonNode viaForm = SandboxHttp.json(http.post(http.ecnow("ecnow_records", "create", Map.of("campaign", "1")),
                "[{\"dataset\":100,\"MobilePhone\":\"07000000007\"}]", SandboxHttp.FORM));
        assertThat(viaForm.get("total").asInt()).isEqualTo(1);

        RequestBody multipart = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("easycall", "leads.json",
                        RequestBody.create("{\"dataset\":100,\"MobilePhone\":\"07000000008\"}", SandboxHttp.JSON))
                .build();
        JsonNode viaMultipart = SandboxHttp.json(http.call(new Request.Builder()
                .url(http.ecnow("ecnow_records", "create", Map.of())).post(multipart).build()));
        assertThat(viaMultipart.get("key").asLong()).isEqualTo(550448);

        okhttp3.HttpUrl bare = http.url("ecnow.php", Map.of());
        JsonNode readByForm = SandboxHttp.json(http.postForm(bare, Map.of("token", http.token(),
                "method", "ecnow_records", "action", "read", "dataset", "100", "search[MobilePhone]", "07000000008")));
        assertThat(readByForm.get("total").asInt()).isEqualTo(1);

        RequestBody readParts = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("token", http.token()).addFormDataPart("method", "ecnow_records")
                .addFormDataPart("action", "read").addFormDataPart("table", "Willtest").build();
        JsonNode readByMultipart = SandboxHttp.json(http.call(new Request.Builder().url(bare).post(readParts).build()));
        assertThat(readByMultipart.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void unknownMethodsAndActionsAnswerAnErrorNotAStackTrace() {
        assertThat(SandboxHttp.json(http.get(http.ecnow("no_such", "read", Map.of()))).toString())
                .isEqualTo("{\"success\":false,\"error\":\"Unknown method [no_such].\"}");
        assertThat(SandboxHttp.json(http.get(http.ecnow("ecnow_records", "delete", Map.of()))).get("error").asString())
                .isEqualTo("Unknown action [delete] for method [ecnow_records].");
        assertThat(http.read(Map.of()).get("error").asString()).isEqualTo("A table or dataset is required.");
        assertThat(http.create("{not json").get("error").asString()).isEqualTo("Invalid JSON payload.");
        try (Response notFound = http.get("nothing.php", Map.of())) {
            assertThat(notFound.code()).isEqualTo(404);
        }
    }

    // ---- read filters ----

    @Test
    void readFiltersByIdOutcomeAgentDdiAndSearch() {
        http.create("[{\"dataset\":100,\"HomePhone\":\"0111\",\"VENDOR_URN\":\"RUN1-C1-001\",\"FirstName\":\"Ann\"},"
                + "{\"dataset\":100,\"WorkPhone\":\"0222\",\"VENDOR_URN\":\"RUN1-C1-002\",\"AgentRef\":\"503314\"},"
                + "{\"dataset\":3,\"MobilePhone\":\"0222\",\"VENDOR_URN\":\"RUN1-C2-001\",\"outcomecode\":109},"
                + "{\"dataset\":100,\"MobilePhone\":\"0333\",\"VENDOR_URN\":\"OTHER-1\",\"FirstName\":\"Annabel\"}]");
        assertThat(ids(http.read(Map.of("table", "Willtest", "id", "550448")))).containsExactly(550448L);
        assertThat(ids(http.read(Map.of("table", "Willtest", "ddi", "0222")))).containsExactly(550448L, 550449L);
        assertThat(ids(http.read(Map.of("dataset", "100", "ddi", "0222")))).containsExactly(550448L);
        assertThat(ids(http.read(Map.of("table", "Willtest", "outcome", "109,510456")))).containsExactly(550449L);
        assertThat(ids(http.read(Map.of("table", "Willtest", "agent", "503314")))).containsExactly(550448L);
        assertThat(ids(http.read(Map.of("table", "Willtest", "search[VENDOR_URN]", "RUN1-C1-"))))
                .containsExactly(550447L, 550448L);
        assertThat(ids(http.read(Map.of("table", "Willtest", "search[vendor_urn]", "run1-%-001"))))
                .containsExactly(550447L, 550449L);
        assertThat(ids(http.read(Map.of("table", "Willtest", "search[FirstName]", "Ann")))).containsExactly(550447L, 550450L);
        assertThat(ids(http.read(Map.of("table", "Willtest", "search[FirstName]", "ann", "type", "exact"))))
                .containsExactly(550447L);
        assertThat(ids(http.read(Map.of("table", "Willtest", "search[id]", "550450", "search[FirstName]", "Nobody"))))
                .containsExactly(550450L);
        assertThat(ids(http.read(Map.of("table", "Willtest", "search[phone]", "0333")))).containsExactly(550450L);
    }

    @Test
    void readModesSelectOnProcessTypeAsTheGuideLists() {
        http.create("[{\"dataset\":100,\"HomePhone\":\"0111\"},"
                + "{\"dataset\":100,\"HomePhone\":\"0112\",\"outcomecode\":109},"
                + "{\"dataset\":3,\"HomePhone\":\"0113\"},"
                + "{\"dataset\":3,\"HomePhone\":\"0114\",\"outcomecode\":109},"
                + "{\"dataset\":100,\"HomePhone\":\"0115\",\"outcomecode\":510456}]");
        Map<String, String> table = Map.of("table", "Willtest");
        assertThat(ids(http.read(with(table, "mode", "active")))).containsExactly(550447L, 550448L, 550449L, 550450L);
        assertThat(ids(http.read(with(table, "mode", "live")))).containsExactly(550447L, 550448L);
        assertThat(ids(http.read(with(table, "mode", "callbacks")))).containsExactly(550448L, 550450L);
        assertThat(ids(http.read(with(table, "mode", "live-callbacks")))).containsExactly(550448L);
        server.store().setDatasetStatus(3, "EXPIRED");
        assertThat(ids(http.read(with(table, "mode", "unexpired")))).containsExactly(550447L, 550448L, 550451L);
        assertThat(http.read(with(table, "mode", "sideways")).get("error").asString()).isEqualTo("Unknown mode [sideways].");
    }

    @Test
    void readByCallbackTimeWindow() {
        http.create("[{\"dataset\":100,\"HomePhone\":\"0111\",\"outcomecode\":109,\"callback\":\"2017-11-20 10:00:00\"},"
                + "{\"dataset\":100,\"HomePhone\":\"0112\",\"outcomecode\":109,\"callback\":\"2017-12-10 10:00:00\"},"
                + "{\"dataset\":100,\"HomePhone\":\"0113\"}]");
        assertThat(ids(http.read(Map.of("table", "Willtest", "timetype", "callback",
                "tstart", "2017-11-01", "tstop", "2017-11-26 23:59:59")))).containsExactly(550447L);
        assertThat(ids(http.read(Map.of("table", "Willtest", "timetype", "callback", "tstart", "2017-11-01"))))
                .containsExactly(550447L, 550448L);
    }

    // ---- datasets, tables, fields, outcome codes ----

    @Test
    void datasetsAreCreatedReadAndUpdated() {
        JsonNode seeded = SandboxHttp.json(http.get(http.ecnow("ecnow_datasets", "read",
                Map.of("table", "Willtest", "state", "HOLD"))));
        assertThat(seeded.get("total").asInt()).isEqualTo(1);
        JsonNode three = seeded.get("list").get(0);
        assertThat(three.get("dataset").asString()).isEqualTo("3");
        assertThat(three.get("description").asString()).isEqualTo("MyNumber");
        assertThat(three.get("d_status").asString()).isEqualTo("HOLD");
        assertThat(three.propertyNames()).contains("qid", "d_priority", "notes", "callbacks", "crm_account",
                "crm_campaign", "locked");

        JsonNode created = SandboxHttp.json(http.post(http.ecnow("ecnow_datasets", "create", Map.of()),
                "{\"table\":\"Willtest\",\"description\":\"Autumn leads\"}", SandboxHttp.JSON));
        assertThat(created.get("total").asInt()).isEqualTo(1);
        int id = created.get("key").asInt();
        assertThat(server.store().datasetStatus(id).status()).isEqualTo("HOLD");
        assertThat(server.store().datasetStatus(id).priority()).isZero();

        JsonNode badPriority = SandboxHttp.json(http.post(http.ecnow("ecnow_datasets", "update", Map.of()),
                "{\"dataset\":" + id + ",\"d_priority\":91}", SandboxHttp.JSON));
        assertThat(badPriority.get("bad").asInt()).isEqualTo(1);
        assertThat(badPriority.get("error").asString()).isEqualTo("Dataset priority [91] must be between 0 and 90.");
        JsonNode live = SandboxHttp.json(http.post(http.ecnow("ecnow_datasets", "update", Map.of()),
                "{\"dataset\":" + id + ",\"d_status\":\"LIVE\",\"d_priority\":90}", SandboxHttp.JSON));
        assertThat(live.get("total").asInt()).isEqualTo(1);
        assertThat(server.store().datasetStatus(id).status()).isEqualTo("LIVE");
        JsonNode byDescription = SandboxHttp.json(http.get(http.ecnow("ecnow_datasets", "read",
                Map.of("description", "Autumn leads"))));
        assertThat(byDescription.get("list").get(0).get("d_priority").asString()).isEqualTo("90");
        JsonNode reopen = SandboxHttp.json(http.post(http.ecnow("ecnow_datasets", "update", Map.of()),
                "{\"dataset\":351,\"d_status\":\"LIVE\"}", SandboxHttp.JSON));
        assertThat(reopen.get("error").asString()).isEqualTo("Dataset [351] is EXPIRED.");
    }

    @Test
    void campaignTablesFieldsAndOutcomeCodesAreListed() {
        JsonNode tables = SandboxHttp.json(http.get(http.ecnow("campaign_tables", "read", Map.of())));
        assertThat(tables.get("list").get(0).get("name").asString()).isEqualTo("Willtest");

        JsonNode fields = SandboxHttp.json(http.get(http.ecnow("campaign_fields", "read", Map.of("table", "Willtest"))));
        assertThat(fields.get("total").asInt()).isEqualTo(31);
        JsonNode id = SandboxHttp.json(http.get(http.ecnow("campaign_fields", "read",
                Map.of("table", "Willtest", "name", "id")))).get("list").get(0);
        for (String attribute : List.of("position", "table", "name", "size", "standard_field", "group_name", "type",
                "prompt", "readonly", "search", "hidden", "hidden_on_script", "order", "picklist", "required")) {
            assertThat(id.has(attribute)).as(attribute).isTrue();
        }
        assertThat(id.get("type").asString()).isEqualTo("int");
        assertThat(id.get("readonly").asString()).isEqualTo("Y");
        JsonNode firstName = SandboxHttp.json(http.get(http.ecnow("campaign_fields", "read",
                Map.of("table", "Willtest", "name", "firstname")))).get("list").get(0);
        assertThat(firstName.get("size").asString()).isEqualTo("50");
        assertThat(firstName.get("standard_field").asString()).isEqualTo("1");

        JsonNode codes = SandboxHttp.json(http.get("database.php", Map.of("token", http.token(),
                "method", "outcomecodes", "action", "read")));
        assertThat(codes.get("total").asInt()).isEqualTo(3);
        assertThat(codes.get("list").get(2).get("outcomecode").asString()).isEqualTo("510456");
        assertThat(codes.get("list").get(2).get("complete").asString()).isEqualTo("Y");
        assertThat(codes.get("list").get(1).get("complete").asString()).isEqualTo("N");
    }

    private static List<Long> ids(JsonNode answer) {
        assertThat(answer.get("success").asBoolean()).as(answer.toString()).isTrue();
        return answer.get("list").valueStream().map(r -> Long.parseLong(r.get("id").asString())).toList();
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(base);
        out.put(key, value);
        return out;
    }
}
