package com.leadloader.contactnow;

import static com.leadloader.contactnow.Concurrently.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.leadloader.contactnow.ContactNowProperties.Format;
import com.leadloader.sandbox.Faults;
import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;

/**
 * The client against the project's ContactNow sandbox over real HTTP, in JSON and in XML: what a loader
 * relies on (records stored, read back, updated; tokens reused and refreshed; failures typed by whether the
 * request may have been applied), checked in the sandbox's store.
 */
class ContactNowClientIT {

    private static final String USER = "sandbox";
    private static final String PASS = "sandbox";

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    private SandboxServer sandbox(SandboxConfig config) {
        SandboxServer server = SandboxServer.start(config.withPort(0));
        resources.add(server);
        return server;
    }

    private SandboxServer sandbox() {
        return sandbox(SandboxConfig.defaults());
    }

    private ContactNowClient client(SandboxServer server, Format format) {
        return client(ContactNowProperties.of(server.baseUrl(), USER, PASS).withFormat(format), Clock.systemUTC());
    }

    private ContactNowClient client(ContactNowProperties properties, Clock clock) {
        ContactNowClient client = new ContactNowClient(properties, clock);
        resources.add(client);
        return client;
    }

    private static String marker(Format format) {
        return "IT-" + format + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private static Map<String, String> lead(int dataset, String phoneField, String phone, String marker) {
        Map<String, String> lead = new LinkedHashMap<>();
        lead.put("dataset", Integer.toString(dataset));
        lead.put(phoneField, phone);
        lead.put("FirstName", "Jon");
        lead.put("VENDOR_URN", marker);
        return lead;
    }

    private static List<String> markers(List<Map<String, String>> records) {
        return records.stream().map(r -> r.get("VENDOR_URN")).toList();
    }

    // ---- tokens and the record round trip --------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Format.class)
    void oneTokenServesManyCalls(Format format) {
        SandboxServer server = sandbox();
        ContactNowClient client = client(server, format);

        client.campaignTables();
        client.outcomeCodes();
        client.readDatasets(DatasetQuery.ofTable("Willtest"));

        assertThat(client.tokenFetches()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void createdRecordsAreStoredReadBackAndUpdated(Format format) {
        SandboxServer server = sandbox();
        ContactNowClient client = client(server, format);
        String m = marker(format);
        long before = server.store().recordCount();

        CreateResult created = client.createRecords(List.of(
                lead(100, "MobilePhone", "07700900001", m + "1"),
                lead(100, "MobilePhone", "07700900002", m + "2")));

        assertThat(created.total()).isEqualTo(2);
        assertThat(created.bad()).isZero();
        assertThat(created.key()).isNotNull();
        assertThat(server.store().recordCount()).isEqualTo(before + 2);
        assertThat(server.store().countWhere("VENDOR_URN", m + "1")).isEqualTo(1);

        List<Map<String, String>> read = client.readRecords(RecordQuery.builder()
                .table("Willtest").search("VENDOR_URN", m).build());
        assertThat(markers(read)).containsExactlyInAnyOrder(m + "1", m + "2");
        Map<String, String> first = read.stream().filter(r -> r.get("VENDOR_URN").equals(m + "1")).findFirst()
                .orElseThrow();
        assertThat(first).containsEntry("MobilePhone", "07700900001").containsEntry("datasetid", "100")
                .containsEntry("ProcessType", "New Prospect");

        UpdateResult updated = client.updateRecords(List.of(Map.of(
                "id", first.get("id"), "dataset", "100", "FirstName", "Jonathan")));
        assertThat(updated.total()).isEqualTo(1);
        assertThat(updated.bad()).isZero();
        assertThat(client.readRecords(RecordQuery.builder().dataset(100).id(Long.parseLong(first.get("id"))).build()))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("FirstName", "Jonathan"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void updatingAMissingIdCountsOneBadWithTheServersText(Format format) {
        ContactNowClient client = client(sandbox(), format);

        UpdateResult result = client.updateRecords(List.of(Map.of("id", "999999999", "dataset", "100")));

        assertThat(result.total()).isZero();
        assertThat(result.bad()).isEqualTo(1);
        assertThat(result.error()).isEqualTo("Record id [999999999] does not exist.");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyReadFilterSelectsTheRecordsItNames(Format format) {
        SandboxServer server = sandbox();
        ContactNowClient client = client(server, format);
        String m = marker(format);
        Map<String, String> callback = lead(100, "HomePhone", "07700900012", m + "B");
        callback.put("callback", "2030-01-01 10:00:00");
        callback.put("outcomecode", "109");
        callback.put("AgentRef", "503314");
        client.createRecords(List.of(lead(100, "MobilePhone", "07700900011", m + "A")));
        client.createRecords(List.of(callback));
        client.createRecords(List.of(lead(3, "WorkPhone", "07700900013", m + "C"))); // dataset 3 is on HOLD

        RecordQuery.Builder ours = RecordQuery.builder().table("Willtest").search("VENDOR_URN", m);
        String idOfA = client.readRecords(RecordQuery.builder().table("Willtest").search("VENDOR_URN", m + "A")
                .exact().build()).get(0).get("id");

        assertThat(markers(client.readRecords(ours.build()))).containsExactlyInAnyOrder(m + "A", m + "B", m + "C");
        assertThat(markers(client.readRecords(RecordQuery.builder().dataset(3).search("VENDOR_URN", m).build())))
                .containsExactly(m + "C");
        assertThat(markers(client.readRecords(RecordQuery.builder().table("Willtest").id(Long.parseLong(idOfA))
                .build()))).containsExactly(m + "A");
        assertThat(markers(client.readRecords(RecordQuery.builder().table("Willtest").search("VENDOR_URN", m)
                .outcome(109).build()))).containsExactly(m + "B");
        assertThat(markers(client.readRecords(RecordQuery.builder().table("Willtest").search("VENDOR_URN", m)
                .agent("503314").build()))).containsExactly(m + "B");
        assertThat(markers(client.readRecords(RecordQuery.builder().table("Willtest").ddi("07700900012").build())))
                .containsExactly(m + "B");
        assertThat(markers(client.readRecords(RecordQuery.builder().table("Willtest").search("VENDOR_URN", m + "A")
                .exact().build()))).containsExactly(m + "A");
        assertThat(client.readRecords(RecordQuery.builder().table("Willtest").search("VENDOR_URN", m).exact()
                .build())).isEmpty();

        assertThat(markers(client.readRecords(RecordQuery.builder().table("Willtest").search("VENDOR_URN", m)
                .mode(RecordQuery.Mode.ACTIVE).build()))).containsExactlyInAnyOrder(m + "A", m + "B", m + "C");
        assertThat(markers(client.readRecords(RecordQuery.builder().table("Willtest").search("VENDOR_URN", m)
                .mode(RecordQuery.Mode.LIVE).build()))).containsExactlyInAnyOrder(m + "A", m + "B");
        assertThat(markers(client.readRecords(RecordQuery.builder().table("Willtest").search("VENDOR_URN", m)
                .mode(RecordQuery.Mode.CALLBACKS).build()))).containsExactly(m + "B");
        assertThat(markers(client.readRecords(RecordQuery.builder().table("Willtest").search("VENDOR_URN", m)
                .mode(RecordQuery.Mode.LIVE_CALLBACKS).build()))).containsExactly(m + "B");
        assertThat(markers(client.readRecords(RecordQuery.builder().table("Willtest").search("VENDOR_URN", m)
                .mode(RecordQuery.Mode.UNEXPIRED).build()))).containsExactlyInAnyOrder(m + "A", m + "B", m + "C");
        assertThat(markers(client.readRecords(RecordQuery.builder().table("Willtest").search("VENDOR_URN", m)
                .between(RecordQuery.TimeType.CALLBACK, LocalDateTime.of(2029, 12, 31, 0, 0),
                        LocalDateTime.of(2030, 1, 2, 0, 0)).build()))).containsExactly(m + "B");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aRecordForAnExpiredDatasetIsNotStored(Format format) {
        SandboxServer server = sandbox();
        ContactNowClient client = client(server, format);
        String m = marker(format);
        server.store().setDatasetStatus(100, "EXPIRED");

        Throwable failure = catchThrowable(() -> {
            CreateResult result = client.createRecords(List.of(lead(100, "MobilePhone", "07700900021", m)));
            assertThat(result.bad()).isEqualTo(1);
        });

        if (failure != null) {
            assertThat(failure).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.isDatasetExpired()).isTrue());
        }
        assertThat(server.store().countWhere("VENDOR_URN", m)).isZero();
    }

    // ---- datasets and metadata -----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Format.class)
    void datasetsAreReadCreatedAndPutLive(Format format) {
        ContactNowClient client = client(sandbox(), format);

        assertThat(client.readDatasets(DatasetQuery.ofTable("Willtest")))
                .extracting(Dataset::id, Dataset::status)
                .contains(org.assertj.core.groups.Tuple.tuple(100, DatasetStatus.LIVE),
                        org.assertj.core.groups.Tuple.tuple(3, DatasetStatus.HOLD),
                        org.assertj.core.groups.Tuple.tuple(351, DatasetStatus.EXPIRED));
        assertThat(client.readDatasets(DatasetQuery.ofTable("Willtest").withState(DatasetStatus.HOLD)))
                .extracting(Dataset::id).contains(3).doesNotContain(100, 351);
        assertThat(client.readDatasets(DatasetQuery.ofDataset(100))).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DatasetStatus.LIVE));

        Dataset created = client.createDataset(DatasetSpec.of("Willtest", "IT " + format).withPriority(10));
        assertThat(created.status()).isEqualTo(DatasetStatus.HOLD);
        assertThat(created.description()).isEqualTo("IT " + format);

        UpdateResult live = client.updateDataset(created.id(), Map.of("d_status", "LIVE"));
        assertThat(live.bad()).isZero();
        assertThat(client.readDatasets(DatasetQuery.ofDataset(created.id()))).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DatasetStatus.LIVE));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void campaignTablesFieldsAndOutcomeCodesAreListed(Format format) {
        ContactNowClient client = client(sandbox(), format);

        assertThat(client.campaignTables()).contains("Willtest");
        assertThat(client.campaignFields("Willtest")).extracting(CampaignField::name)
                .contains("id", "MobilePhone", "HomePhone", "WorkPhone", "VENDOR_URN");
        assertThat(client.outcomeCodes()).extracting(OutcomeCode::code).contains(100, 109, 510456);
        assertThat(client.outcomeCodes()).filteredOn(o -> o.code() == 510456).singleElement()
                .satisfies(o -> assertThat(o.complete()).isTrue());
    }

    // ---- token refusal and refresh -------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Format.class)
    void anExpiredTokenIsRefreshedAndTheCallResentOnce(Format format) {
        SandboxServer server = sandbox(SandboxConfig.defaults().withTokenTtlSeconds(2));
        // A clock that stands still: the client never thinks its token old, so only the server can say so.
        ContactNowClient client = client(ContactNowProperties.of(server.baseUrl(), USER, PASS).withFormat(format),
                Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC));
        client.campaignTables();
        String probe = fetchTokenDirectly(server); // fetched after the client's, so it expires no sooner
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> validate(server, probe).contains("Expired token"));

        assertThat(client.campaignTables()).contains("Willtest");
        assertThat(client.tokenFetches()).isEqualTo(2);
    }

    @Test
    void wrongPasswordIsAnAuthenticationExceptionNamingNoSecret() {
        SandboxServer server = sandbox();
        ContactNowClient client = client(ContactNowProperties.of(server.baseUrl(), USER, "not-the-password"),
                Clock.systemUTC());

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, client::campaignTables);

        assertThat(e.serverError()).isEqualTo("Authentication failure");
        assertThat(e.getMessage()).doesNotContain("not-the-password").doesNotContain("username=" + USER);
    }

    // ---- faults --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Format.class)
    void tooManyRequestsInFlightIsNotAppliedAndSaysWhenToRetry(Format format) throws Exception {
        SandboxServer server = sandbox(SandboxConfig.defaults()
                .withFaults(new Faults(300, 0.0, 0.0, LostResponseMode.DROP_CONNECTION, 0.0, 1, 3, 42L)));
        ContactNowClient client = client(server, format);
        client.campaignTables(); // the token, one request at a time

        List<Throwable> failures = concurrently(6, () -> catchThrowable(client::campaignTables));

        assertThat(failures).filteredOn(t -> t != null).isNotEmpty().allSatisfy(t ->
                assertThat(t).isInstanceOfSatisfying(RequestNotSentException.class, e -> {
                    assertThat(e.mayHaveBeenApplied()).isFalse();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
                }));
    }

    @Test
    void anInFlightLimitKeepsRequestsOnTheWireWithinIt() throws Exception {
        // The server refuses a fourth request in flight (one above the limit: the server counts a
        // request done a moment after the client has its answer); each takes 100 ms, so six callers
        // at once would overrun it if the limit let them.
        SandboxServer server = sandbox(SandboxConfig.defaults()
                .withFaults(new Faults(100, 0.0, 0.0, LostResponseMode.DROP_CONNECTION, 0.0, 3, 3, 42L)));
        ContactNowClient limited = client(server, Format.JSON).withInFlightLimit(2);
        limited.campaignTables(); // the token, one request at a time

        List<Throwable> failures = concurrently(6, () -> catchThrowable(limited::campaignTables));

        assertThat(failures).containsOnlyNulls();
        assertThat(server.faults().throttled()).isZero();
        assertThatThrownBy(() -> limited.withInFlightLimit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aDroppedConnectionAfterStoringMayHaveBeenApplied(Format format) {
        SandboxServer server = sandbox(SandboxConfig.defaults()
                .withFaults(new Faults(0, 0.0, 1.0, LostResponseMode.DROP_CONNECTION, 0.0, 0, 0, 7L)));
        ContactNowClient client = client(server, format);
        String m = marker(format);

        AmbiguousOutcomeException e = catchThrowableOfType(AmbiguousOutcomeException.class,
                () -> client.createRecords(List.of(lead(100, "MobilePhone", "07700900031", m))));

        assertThat(e.mayHaveBeenApplied()).isTrue();
        assertThat(e.getMessage()).contains("ecnow_records/create");
        assertThat(server.store().countWhere("VENDOR_URN", m)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aBadGatewayAfterStoringMayHaveBeenApplied(Format format) {
        SandboxServer server = sandbox(SandboxConfig.defaults()
                .withFaults(new Faults(0, 0.0, 1.0, LostResponseMode.BAD_GATEWAY, 0.0, 0, 0, 7L)));
        ContactNowClient client = client(server, format);
        String m = marker(format);

        AmbiguousOutcomeException e = catchThrowableOfType(AmbiguousOutcomeException.class,
                () -> client.createRecords(List.of(lead(100, "MobilePhone", "07700900032", m))));

        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(server.store().countWhere("VENDOR_URN", m)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aServerErrorBeforeStoringIsStillAmbiguousToTheClient(Format format) {
        SandboxServer server = sandbox(SandboxConfig.defaults()
                .withFaults(new Faults(0, 1.0, 0.0, LostResponseMode.DROP_CONNECTION, 0.0, 0, 0, 7L)));
        ContactNowClient client = client(server, format);
        String m = marker(format);

        AmbiguousOutcomeException e = catchThrowableOfType(AmbiguousOutcomeException.class,
                () -> client.createRecords(List.of(lead(100, "MobilePhone", "07700900033", m))));

        assertThat(e.httpStatus()).isBetween(500, 599);
        assertThat(e.mayHaveBeenApplied()).isTrue();
        assertThat(server.store().countWhere("VENDOR_URN", m)).isZero();
    }

    @Test
    void aClosedPortIsRequestNotSent() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ContactNowClient client = client(ContactNowProperties.of("http://127.0.0.1:" + port + "/", USER, PASS),
                Clock.systemUTC());

        RequestNotSentException e = catchThrowableOfType(RequestNotSentException.class, client::campaignTables);

        assertThat(e.mayHaveBeenApplied()).isFalse();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static final OkHttpClient RAW = new OkHttpClient();

    private static String fetchTokenDirectly(SandboxServer server) {
        String body = get(HttpUrl.get(server.baseUrl()).resolve("token.php").newBuilder()
                .addQueryParameter("action", "get").addQueryParameter("username", USER)
                .addQueryParameter("password", PASS).addQueryParameter("format", "json").build());
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).get("token").asString();
    }

    private static String validate(SandboxServer server, String token) {
        return get(HttpUrl.get(server.baseUrl()).resolve("token.php").newBuilder()
                .addQueryParameter("action", "validate").addQueryParameter("token", token)
                .addQueryParameter("format", "json").build());
    }

    private static String get(HttpUrl url) {
        try (Response response = RAW.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.body().string();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
