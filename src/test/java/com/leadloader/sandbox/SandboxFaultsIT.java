package com.leadloader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seeded fault injection over real HTTP: each fault happens at its rate, and lost responses did store. */
class SandboxFaultsIT {

    private static final int REQUESTS = 400;
    private static final long SEED = 7;
    private SandboxServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void failBeforeAnswers500Or503AndStoresNothing() {
        SandboxHttp http = start(new Faults(0, 0.1, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 2, SEED));
        int failed = 0;
        List<Integer> failedLeads = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            try (Response r = http.post(createUrl(http), lead(i, ""), SandboxHttp.JSON)) {
                if (r.code() == 500 || r.code() == 503) {
                    failed++;
                    failedLeads.add(i);
                    if (r.code() == 503) {
                        assertThat(r.header("Retry-After")).isEqualTo("2");
                    }
                } else {
                    assertThat(r.code()).isEqualTo(200);
                }
            }
        }
        assertThat(failed).isEqualTo(expectedDraws(0.1)).isBetween(20, 65);
        assertThat(server.faults().failedBefore()).isEqualTo(failed);
        assertThat(server.store().recordCount()).isEqualTo(REQUESTS - failed);
        for (int i : failedLeads) {
            assertThat(server.store().countWhere("VENDOR_URN", "F-" + i)).isZero();
        }
    }

    @Test
    void lostAfterDropsTheConnectionButTheRecordsAreStored() {
        SandboxHttp http = start(new Faults(0, 0, 0.1, LostResponseMode.DROP_CONNECTION, 0, 0, 1, SEED));
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            try (Response r = http.post(createUrl(http), lead(i, ""), SandboxHttp.JSON)) {
                assertThat(r.code()).isEqualTo(200);
            } catch (UncheckedIOException e) {
                lost.add(i);
            }
        }
        assertThat(lost.size()).isEqualTo(expectedDraws(0.1)).isBetween(20, 65);
        assertThat(server.faults().lostAfter()).isEqualTo(lost.size());
        assertThat(server.store().recordCount()).isEqualTo(REQUESTS);
        for (int i : lost) {
            assertThat(server.store().countWhere("VENDOR_URN", "F-" + i)).isEqualTo(1);
        }
    }

    @Test
    void lostAfterAsBadGatewayAnswers502ButTheRecordsAreStored() {
        SandboxHttp http = start(new Faults(0, 0, 0.1, LostResponseMode.BAD_GATEWAY, 0, 0, 1, SEED));
        int badGateway = 0;
        for (int i = 0; i < REQUESTS; i++) {
            try (Response r = http.post(createUrl(http), lead(i, ""), SandboxHttp.JSON)) {
                if (r.code() == 502) {
                    badGateway++;
                }
            }
        }
        assertThat(badGateway).isEqualTo(expectedDraws(0.1)).isBetween(20, 65);
        assertThat(server.faults().lostAfter()).isEqualTo(badGateway);
        assertThat(server.store().recordCount()).isEqualTo(REQUESTS);
    }

    @Test
    void resetClosesTheConnectionUnreadAndStoresNothing() {
        SandboxHttp http = start(new Faults(0, 0, 0, LostResponseMode.DROP_CONNECTION, 0.1, 0, 1, SEED));
        String padding = "n".repeat(8_000); // a body larger than the server's read buffer, as real chunks are
        int reset = 0;
        for (int i = 0; i < REQUESTS; i++) {
            try (Response r = http.post(createUrl(http), lead(i, padding), SandboxHttp.JSON)) {
                assertThat(r.code()).isEqualTo(200);
            } catch (UncheckedIOException e) {
                reset++;
            }
        }
        assertThat(reset).isEqualTo(expectedDraws(0.1)).isBetween(20, 65);
        assertThat(server.faults().resets()).isEqualTo(reset);
        assertThat(server.store().recordCount()).isEqualTo(REQUESTS - reset);
    }

    @Test
    void tokenPhpIsNeverFailedAndReadsAreNotFaulted() {
        SandboxHttp http = start(new Faults(0, 1.0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 1, SEED));
        assertThat(http.token()).isNotBlank();
        assertThat(http.read(Map.of("dataset", "100")).get("success").asBoolean()).isTrue();
        try (Response r = http.post(createUrl(http), lead(1, ""), SandboxHttp.JSON)) {
            assertThat(r.code()).isIn(500, 503);
        }
        assertThat(server.faults().faultableRequests()).isEqualTo(1);
    }

    @Test
    void requestsOverTheInFlightCapAnswer429WithRetryAfter() throws Exception {
        SandboxHttp http = start(new Faults(1500, 0, 0, LostResponseMode.DROP_CONNECTION, 0, 1, 3, SEED));
        String token = http.token();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> http.call(new Request.Builder()
                        .url(http.url("ecnow.php", Map.of("token", token, "method", "ecnow_records",
                                "action", "read", "dataset", "100")))
                        .build())));
            }
            int ok = 0;
            int throttled = 0;
            for (Future<Response> call : calls) {
                try (Response r = call.get()) {
                    if (r.code() == 429) {
                        throttled++;
                        assertThat(r.header("Retry-After")).isEqualTo("3");
                    } else if (r.code() == 200) {
                        ok++;
                    }
                }
            }
            assertThat(ok).isGreaterThanOrEqualTo(1);
            assertThat(throttled).isGreaterThanOrEqualTo(1).isEqualTo((int) server.faults().throttled());
            assertThat(ok + throttled).isEqualTo(4);
            assertThat(server.faults().delayed()).isGreaterThanOrEqualTo(ok);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sameSeedInjectsTheSameFaults() {
        Faults faults = new Faults(0, 0.05, 0.05, LostResponseMode.BAD_GATEWAY, 0.0, 0, 1, 99);
        List<Integer> first = codes(faults);
        server.close();
        List<Integer> second = codes(faults);
        assertThat(second).isEqualTo(first);
        assertThat(first).contains(502).containsAnyOf(500, 503);
    }

    private List<Integer> codes(Faults faults) {
        SandboxHttp http = start(faults);
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            try (Response r = http.post(createUrl(http), lead(i, ""), SandboxHttp.JSON)) {
                codes.add(r.code());
            }
        }
        return codes;
    }

    @Test
    void noAnswerLeavesBeforeTheLatencyHasPassed() {
        // A lower bound only: how much later an answer may come depends on the machine, not the sandbox.
        SandboxHttp http = start(new Faults(30, 0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 1, SEED));
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            try (Response r = http.post(createUrl(http), lead(i, ""), SandboxHttp.JSON)) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.body().string()).contains("\"success\":true");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(30_000_000L);
        }
        assertThat(server.faults().delayed()).isEqualTo(20 + 1); // and the token request
    }

    private SandboxHttp start(Faults faults) {
        server = SandboxServer.start(SandboxConfig.defaults().withPort(0).withFaults(faults));
        return new SandboxHttp(server);
    }

    private static okhttp3.HttpUrl createUrl(SandboxHttp http) {
        return http.ecnow("ecnow_records", "create", Map.of());
    }

    private static String lead(int i, String notes) {
        return "[{\"dataset\":100,\"MobilePhone\":\"07700" + (100000 + i) + "\",\"VENDOR_URN\":\"F-" + i
                + "\",\"Call_Back_Notes\":\"" + notes + "\"}]";
    }

    /** What the seeded sequence gives for one rate over the test's requests: the count is exact. */
    private static int expectedDraws(double rate) {
        Random random = new Random(SEED);
        int n = 0;
        for (int i = 0; i < REQUESTS; i++) {
            if (random.nextDouble() < rate) {
                n++;
            }
        }
        return n;
    }

}
