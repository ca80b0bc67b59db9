package com.leadloader.contactnow;

import static com.leadloader.contactnow.Concurrently.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.leadloader.contactnow.ScriptedServer.Exchange;
import com.leadloader.contactnow.ScriptedServer.Reply;

/**
 * The client over real sockets against a server each test scripts: token reuse and refresh, and the split
 * of transport failures into "not sent" and "may have been applied".
 */
class ContactNowTransportIT {

    private static final String USER = "alice-api-user";
    private static final String PASS = "s3cret-api-key";

    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    /** token.php issues tok-1, tok-2, ... valid for an hour; every other script is answered by {@code ecnow}. */
    private ScriptedServer server(Function<Exchange, Reply> ecnow) throws IOException {
        ScriptedServer server = new ScriptedServer(e -> {
            if (e.script().equals("token.php")) {
                if (!USER.equals(e.param("username")) || !PASS.equals(e.param("password"))) {
                    return Reply.json(Fixtures.read("token-authentication-failure.json"));
                }
                long expire = Instant.now().plusSeconds(3600).getEpochSecond();
                String token = "tok-" + tokensIssued.incrementAndGet();
                return "xml".equals(e.param("format"))
                        ? Reply.xml("<result><success>1</success><token>" + token + "</token><expire>" + expire
                                + "</expire></result>")
                        : Reply.json("{\"success\":true,\"token\":\"" + token + "\",\"expire\":" + expire + "}");
            }
            return ecnow.apply(e);
        });
        resources.add(server);
        return server;
    }

    private ContactNowClient client(String baseUrl, ContactNowProperties.Format format) {
        return client(ContactNowProperties.of(baseUrl, USER, PASS).withFormat(format));
    }

    private ContactNowClient client(ContactNowProperties properties) {
        ContactNowClient client = new ContactNowClient(properties);
        resources.add(client);
        return client;
    }

    private static Map<String, String> lead(String marker) {
        Map<String, String> lead = new LinkedHashMap<>();
        lead.put("dataset", "100");
        lead.put("MobilePhone", "07123456789");
        lead.put("VENDOR_URN", marker);
        return lead;
    }

    private static void assertNoSecrets(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(USER).doesNotContain(PASS).doesNotContain("tok-");
        }
    }

    // ---- happy paths -----------------------------------------------------------------------------------------

    @Test
    void createPostsJsonArrayWithTokenRawAndFormatAndReusesTheToken() throws Exception {
        ScriptedServer server = server(e -> Reply.json(Fixtures.read("create-response.json")));
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.JSON);

        CreateResult first = client.createRecords(List.of(lead("LL-1-1")));
        client.createRecords(List.of(lead("LL-1-2"), lead("LL-1-3")));

        assertThat(first).isEqualTo(new CreateResult(1, 0, 550447L, "Record is LIVE on the dialer.", null));
        List<Exchange> creates = server.exchanges("ecnow.php");
        assertThat(creates).hasSize(2).allSatisfy(e -> {
            assertThat(e.method()).isEqualTo("POST");
            assertThat(e.param("token")).isEqualTo("tok-1");
            assertThat(e.param("method")).isEqualTo("ecnow_records");
            assertThat(e.param("action")).isEqualTo("create");
            assertThat(e.param("format")).isEqualTo("json");
            assertThat(e.param("raw")).isEqualTo("1");
        });
        assertThat(creates.get(0).body())
                .isEqualTo("[{\"dataset\":\"100\",\"MobilePhone\":\"07123456789\",\"VENDOR_URN\":\"LL-1-1\"}]");
        assertThat(server.exchanges("token.php")).hasSize(1);
        assertThat(client.tokenFetches()).isEqualTo(1);
    }

    @Test
    void xmlReadSendsFiltersAsQueryParametersAndReadsEcnowRecordElements() throws Exception {
        ScriptedServer server = server(e -> Reply.xml(Fixtures.read("read-response.xml")));
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.XML);

        List<Map<String, String>> records = client.readRecords(RecordQuery.builder()
                .dataset(100).search("VENDOR_URN", "LL-1-").exact().mode(RecordQuery.Mode.UNEXPIRED).build());

        assertThat(records).singleElement().satisfies(r -> assertThat(r).containsEntry("id", "550423"));
        Exchange read = server.exchanges("ecnow.php").get(0);
        assertThat(read.method()).isEqualTo("GET");
        assertThat(read.param("format")).isEqualTo("xml");
        assertThat(read.param("action")).isEqualTo("read");
        assertThat(read.param("search[VENDOR_URN]")).isEqualTo("LL-1-");
        assertThat(read.param("type")).isEqualTo("exact");
        assertThat(read.param("mode")).isEqualTo("unexpired");
        assertThat(server.exchanges("token.php").get(0).param("format")).isEqualTo("xml");
    }

    @Test
    void xmlCreatePostsEasycallBody() throws Exception {
        ScriptedServer server = server(e -> Reply.xml(Fixtures.read("create-response.xml")));
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.XML);

        CreateResult result = client.createRecords(List.of(lead("LL-2-1")));

        assertThat(result.total()).isEqualTo(1);
        assertThat(result.key()).isEqualTo(550423L);
        assertThat(server.exchanges("ecnow.php").get(0).body())
                .contains("<easycall><ecnow_records><dataset>100</dataset>")
                .contains("<VENDOR_URN>LL-2-1</VENDOR_URN></ecnow_records></easycall>");
    }

    @Test
    void metadataIsMappedFromTheDocumentedAnswers() throws Exception {
        ScriptedServer server = server(e -> Reply.json(Fixtures.read(switch (e.param("method")) {
            case "campaign_tables" -> "campaign-tables-read.json";
            case "campaign_fields" -> "campaign-fields-read.json";
            case "ecnow_datasets" -> "datasets-read.json";
            case "outcomecodes" -> "outcomecodes-read.json";
            default -> throw new IllegalArgumentException(e.param("method"));
        })));
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.JSON);

        assertThat(client.campaignTables()).containsExactly("APItestcampaign", "BradOutbound", "Willtest");
        assertThat(client.campaignFields("Willtest")).containsExactly(
                new CampaignField("id", "int", 200, true, "system", true, false, false, "", 0));
        assertThat(client.readDatasets(DatasetQuery.ofTable("Willtest").withState(DatasetStatus.LIVE)))
                .containsExactly(new Dataset(351, 75674454L, DatasetStatus.LIVE, 0, "MyNumber",
                        "Loaded by Importer 2.1", "", false));
        assertThat(client.outcomeCodes()).containsExactly(new OutcomeCode(510456, "Sales Completed", true),
                new OutcomeCode(501638, "Need more information", false));

        assertThat(server.exchanges("database.php")).singleElement()
                .satisfies(e -> assertThat(e.param("method")).isEqualTo("outcomecodes"));
        Exchange datasets = server.exchanges("ecnow.php").stream()
                .filter(e -> e.param("method").equals("ecnow_datasets")).findFirst().orElseThrow();
        assertThat(datasets.param("table")).isEqualTo("Willtest");
        assertThat(datasets.param("state")).isEqualTo("LIVE");
    }

    @Test
    void updateOfAMissingIdIsAResultWithOneBadNotAnException() throws Exception {
        ScriptedServer server = server(e -> Reply.json(Fixtures.read("update-missing-id.json")));
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.JSON);

        UpdateResult result = client.updateRecords(List.of(Map.of("id", "2499265", "dataset", "3")));

        assertThat(result).isEqualTo(new UpdateResult(0, 1, null, "Record id [2499265] does not exist."));
    }

    @Test
    void aRefusedCallIsAnApiExceptionWithTheServersText() throws Exception {
        ScriptedServer server = server(e -> Reply.json(Fixtures.read("no-file-uploaded.json")));
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.JSON);

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.createRecords(List.of(lead("LL-3-1"))));

        assertThat(e.serverError()).isEqualTo("No file uploaded. Missing 'easycall' section?");
        assertThat(e.getMessage()).contains("ecnow.php ecnow_records/create");
        assertNoSecrets(e);
    }

    // ---- tokens --------------------------------------------------------------------------------------------

    @Test
    void anExpiredTokenIsReplacedAndTheCallResentOnce() throws Exception {
        ScriptedServer server = server(e -> "tok-1".equals(e.param("token"))
                ? Reply.json(Fixtures.read("expired-token.json"))
                : Reply.json(Fixtures.read("create-response.json")));
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.JSON);

        CreateResult result = client.createRecords(List.of(lead("LL-4-1")));

        assertThat(result.total()).isEqualTo(1);
        assertThat(server.exchanges("ecnow.php")).extracting(e -> e.param("token")).containsExactly("tok-1", "tok-2");
        assertThat(client.tokenFetches()).isEqualTo(2);
    }

    @Test
    void aTokenRefusedAgainAfterEveryRefreshIsATokenException() throws Exception {
        ScriptedServer server = server(e -> Reply.json(Fixtures.read("invalid-token.json")));
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.JSON);

        TokenException e = catchThrowableOfType(TokenException.class,
                () -> client.readRecords(RecordQuery.builder().dataset(100).build()));

        assertThat(e.serverError()).isEqualTo("Invalid token");
        assertThat(e).hasMessageContaining("token refused even after 2 refreshes");
        // The first token, then one new token a resend: each refused.
        assertThat(server.exchanges("ecnow.php")).extracting(x -> x.param("token"))
                .containsExactly("tok-1", "tok-2", "tok-3");
        assertThat(server.exchanges("token.php")).hasSize(3);
        assertNoSecrets(e);
    }

    @Test
    void wrongCredentialsAreAnAuthenticationExceptionThatNamesNeither() throws Exception {
        ScriptedServer server = server(e -> Reply.json(Fixtures.read("create-response.json")));
        ContactNowClient client = client(ContactNowProperties.of(server.baseUrl(), USER, "wrong-" + PASS));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client.createRecords(List.of(lead("LL-5-1"))));

        assertThat(e.serverError()).isEqualTo("Authentication failure");
        assertThat(e.getMessage()).contains("token.php").contains("password=***").doesNotContain("wrong-");
        assertNoSecrets(e);
        assertThat(server.exchanges("ecnow.php")).isEmpty();
    }

    @Test
    void manyThreadsStartingTogetherFetchOneToken() throws Exception {
        int threads = 24;
        CountDownLatch started = new CountDownLatch(threads);
        ScriptedServer server = new ScriptedServer(e -> {
            if (e.script().equals("token.php")) {
                try {
                    started.await(10, TimeUnit.SECONDS); // answer only once every thread has called
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                tokensIssued.incrementAndGet();
                return Reply.json("{\"success\":true,\"token\":\"tok-1\",\"expire\":"
                        + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
            }
            return Reply.json(Fixtures.read("read-response.json"));
        });
        resources.add(server);
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.JSON);

        List<Integer> sizes = concurrently(threads, () -> {
            started.countDown();
            return client.readRecords(RecordQuery.builder().dataset(100).build()).size();
        });

        assertThat(sizes).hasSize(threads).containsOnly(1);
        assertThat(tokensIssued).hasValue(1);
        assertThat(server.exchanges("ecnow.php")).hasSize(threads)
                .allSatisfy(e -> assertThat(e.param("token")).isEqualTo("tok-1"));
    }

    // ---- transport failures --------------------------------------------------------------------------------

    @Test
    void aClosedPortIsRequestNotSent() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ContactNowClient client = client("http://127.0.0.1:" + port + "/", ContactNowProperties.Format.JSON);

        RequestNotSentException e = catchThrowableOfType(RequestNotSentException.class,
                () -> client.createRecords(List.of(lead("LL-6-1"))));

        assertThat(e.mayHaveBeenApplied()).isFalse();
        assertThat(e.getMessage()).contains("token.php").contains("request not sent");
        assertNoSecrets(e);
    }

    @Test
    void tooManyRequestsIsNotAppliedAndCarriesRetryAfter() throws Exception {
        ScriptedServer server = server(e -> Reply.status(429, "slow down", Map.of("Retry-After", "7")));
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.JSON);

        RequestNotSentException e = catchThrowableOfType(RequestNotSentException.class,
                () -> client.createRecords(List.of(lead("LL-7-1"))));

        assertThat(e.mayHaveBeenApplied()).isFalse();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(server.exchanges("ecnow.php")).hasSize(1);
        assertNoSecrets(e);
    }

    @Test
    void aServerErrorMayHaveBeenApplied() throws Exception {
        ScriptedServer server = server(e -> Reply.status(503, "<html>down</html>", Map.of()));
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.JSON);

        AmbiguousOutcomeException e = catchThrowableOfType(AmbiguousOutcomeException.class,
                () -> client.createRecords(List.of(lead("LL-8-1"))));

        assertThat(e.mayHaveBeenApplied()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(server.exchanges("ecnow.php")).hasSize(1);
        assertNoSecrets(e);
    }

    @Test
    void aConnectionClosedAfterTheBodyWasSentMayHaveBeenAppliedAndIsNotResent() throws Exception {
        ScriptedServer server = server(e -> Reply.closeAfterReading());
        ContactNowClient client = client(server.baseUrl(), ContactNowProperties.Format.JSON);

        AmbiguousOutcomeException e = catchThrowableOfType(AmbiguousOutcomeException.class,
                () -> client.createRecords(List.of(lead("LL-9-1"))));

        assertThat(e.mayHaveBeenApplied()).isTrue();
        assertThat(server.exchanges("ecnow.php")).singleElement()
                .satisfies(x -> assertThat(x.body()).contains("LL-9-1"));
        assertNoSecrets(e);
    }

    @Test
    void aReadTimeOutAfterTheBodyWasSentMayHaveBeenApplied() throws Exception {
        ScriptedServer server = server(e -> Reply.silence());
        ContactNowClient client = client(ContactNowProperties.of(server.baseUrl(), USER, PASS)
                .withReadTimeout(Duration.ofMillis(300)));

        AmbiguousOutcomeException e = catchThrowableOfType(AmbiguousOutcomeException.class,
                () -> client.createRecords(List.of(lead("LL-10-1"))));

        assertThat(e.mayHaveBeenApplied()).isTrue();
        assertThat(server.exchanges("ecnow.php")).hasSize(1);
        assertNoSecrets(e);
    }

    @Test
    void anUnreadableSuccessAnswerMayHaveBeenAppliedButAn404IsARefusal() throws Exception {
        ScriptedServer html = server(e -> Reply.status(200, "<html>maintenance</html>", Map.of()));
        ScriptedServer missing = server(e -> Reply.status(404, "<html>not found</html>", Map.of()));

        assertThatThrownBy(() -> client(html.baseUrl(), ContactNowProperties.Format.JSON)
                .createRecords(List.of(lead("LL-11-1"))))
                .isInstanceOfSatisfying(AmbiguousOutcomeException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(200));
        assertThatThrownBy(() -> client(missing.baseUrl(), ContactNowProperties.Format.JSON)
                .createRecords(List.of(lead("LL-11-2"))))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.serverError()).isEqualTo("HTTP 404"));
    }

    // ---- logging -------------------------------------------------------------------------------------------

    @Test
    void debugLogShowsRedactedUrlsAndNoSecrets() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("com.leadloader.contactnow");
        Level before = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        try {
            ScriptedServer server = server(e -> Reply.json(Fixtures.read("create-response.json")));
            client(server.baseUrl(), ContactNowProperties.Format.JSON).createRecords(List.of(lead("LL-12-1")));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }

        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("token.php get").contains("password=***"))
                .anySatisfy(line -> assertThat(line).contains("ecnow_records/create").contains("token=***"))
                .allSatisfy(line -> assertThat(line).doesNotContain(USER).doesNotContain(PASS)
                        .doesNotContain("tok-1"));
    }
}
