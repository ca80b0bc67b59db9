package com.leadloader.hostile;

import com.leadloader.testing.LeadloaderProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leadloader.ledger.LeadState;
import com.leadloader.sandbox.FaultCounters;
import com.leadloader.sandbox.Faults;
import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.testing.TestDatabase;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos suite: a load of {@code chaos.rows} leads (10,000 by default; run it at 100,000 with
 * {@code ./mvnw -B verify -Dit.test=ChaosIT -Dchaos.rows=100000}) with duplicates, bad rows and
 * suppressed numbers, into a sandbox that fails 5% of creates (10 leads each) before storing them, loses 2% of
 * responses after storing, resets 1% of connections, caps requests in flight with 429s and issues
 * tokens that live three seconds. The loader is a separate process, SIGKILLed three times at
 * seeded record counts and started again each time until it completes. Then every valid, distinct,
 * unsuppressed lead must be in the sandbox exactly once, every other lead in the ledger with its
 * reason, and the report files must say what the ledger says. See docs/chaos.md.
 */
class ChaosIT {

    private static final int ROWS = Integer.getInteger("chaos.rows", 10_000);
    private static final long SEED = Long.getLong("chaos.seed", 20261123L);
    private static final int DATASET = 100;

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesUnderFaultsEveryLeadEndsExactlyOnce() throws Exception {
        ChaosLeads leads = ChaosLeads.write(dir, ROWS, SEED);
        Path spec = spec(leads);
        String dbUrl = TestDatabase.freshSchemaUrl("hostile_chaos_" + ROWS);
        Path log = dir.resolve("leadloader.log");
        long started = System.nanoTime();

        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0).withTokenTtlSeconds(3))) {
            sandbox.setFaults(new Faults(0, 0.05, 0.02, LostResponseMode.DROP_CONNECTION, 0.01, 3, 0, SEED));
            Map<String, String> env = new HashMap<>(LeadloaderProcess.environment(dbUrl, sandbox.baseUrl(),
                    "sandbox", "sandbox"));
            env.put("CONTACTNOW_TOKEN_REFRESH_MARGIN", "1s");

            // Kill points: record counts in the sandbox, drawn from the seed, one in each third of the load.
            Random random = new Random(SEED);
            int expected = leads.created().size();
            List<Integer> killAt = List.of(
                    expected / 20 + random.nextInt(expected / 4),
                    expected * 35 / 100 + random.nextInt(expected / 4),
                    expected * 65 / 100 + random.nextInt(expected / 4));
            for (int k : killAt) {
                Process run = LeadloaderProcess.start(env, log, "run", spec.toString());
                try {
                    await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(2))
                            .until(() -> sandbox.store().recordCount() >= k || !run.isAlive());
                    assertThat(run.isAlive()).as("the run was still loading at %,d records; log:\n%s", k, tail(log))
                            .isTrue();
                } finally {
                    run.destroyForcibly(); // SIGKILL
                    run.waitFor(1, TimeUnit.MINUTES);
                }
                System.out.printf("chaos: killed at %,d records (%s)%n", sandbox.store().recordCount(), sandbox.faults());
            }

            int exit = -1;
            int restarts = 0;
            while (exit != 0 && exit != 3) {
                assertThat(restarts++).as("runs after the kills; log:\n%s", tail(log)).isLessThan(5);
                Process run = LeadloaderProcess.start(env, log, "run", spec.toString());
                assertThat(run.waitFor(30, TimeUnit.MINUTES)).as("run finished").isTrue();
                exit = run.exitValue();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String output = Files.readString(log);
            long execution = lastExecution(output);

            Ledger ledger = Ledger.read(dbUrl);
            checkSandbox(sandbox, leads, ledger);
            checkLedger(leads, ledger);
            checkReport(env, execution, ledger);

            FaultCounters f = sandbox.faults();
            System.out.printf("chaos: %,d rows in %s (seed %d): exit %d after 3 kills and %d restart(s); %,d created,"
                            + " %,d duplicate, %,d bad, %,d suppressed; sandbox %,d records; faults: %,d create/update"
                            + " requests, %,d failed before (500/503), %,d lost after, %,d resets, %,d throttled (429);"
                            + " %,d tokens issued; %,d recovered executions%n",
                    ROWS, took.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), SEED, exit, restarts,
                    ledger.count(LeadState.CREATED), ledger.count(LeadState.DUPLICATE), ledger.count(LeadState.BAD),
                    ledger.count(LeadState.SUPPRESSED), sandbox.store().recordCount(), f.faultableRequests(),
                    f.failedBefore(), f.lostAfter(), f.resets(), f.throttled(), sandbox.store().issuedTokens().size(),
                    count(output, "recovering it to restart it"));
            assertThat(f.failedBefore()).isPositive();
            assertThat(f.lostAfter()).isPositive();
            assertThat(f.resets()).isPositive();
            assertThat(output).doesNotContainPattern("(?m)^\\s+at [a-z]+\\.");
        }
    }

    /** Every loadable lead is a record exactly once, with the key and marker the ledger holds; nothing else is. */
    private static void checkSandbox(SandboxServer sandbox, ChaosLeads leads, Ledger ledger) {
        List<Map<String, String>> records = sandbox.store().records(DATASET);
        Map<String, Integer> byPhone = new HashMap<>();
        Map<String, Integer> byMarker = new HashMap<>();
        for (Map<String, String> r : records) {
            byPhone.merge(r.get("MobilePhone"), 1, Integer::sum);
            byMarker.merge(r.get("VENDOR_URN"), 1, Integer::sum);
        }
        assertThat(records).as("records in the sandbox").hasSize(leads.created().size());
        assertThat(byPhone.values()).as("records per mobile").containsOnly(1);
        assertThat(byMarker.values()).as("records per marker").containsOnly(1);
        assertThat(byPhone.keySet()).as("mobiles created").isEqualTo(new HashSet<>(leads.created().values()));
        for (Map.Entry<Long, String> e : leads.created().entrySet()) {
            Ledger.Row row = ledger.rows().get(e.getKey());
            assertThat(row).as("ledger row of line %d", e.getKey()).isNotNull();
            assertThat(row.state()).as("line %d", e.getKey()).isEqualTo(LeadState.CREATED);
            assertThat(sandbox.store().record(row.key())).as("record %d of line %d", row.key(), e.getKey()).get()
                    .satisfies(r -> {
                        assertThat(r).containsEntry("VENDOR_URN", row.marker());
                        assertThat(r).containsEntry("MobilePhone", e.getValue());
                    });
        }
    }

    /** One ledger row per source row; every lead not created is there with the state and a reason. */
    private static void checkLedger(ChaosLeads leads, Ledger ledger) {
        assertThat(ledger.rows()).as("ledger rows").hasSize(leads.rows());
        for (Map.Entry<Long, LeadState> e : leads.rejected().entrySet()) {
            Ledger.Row row = ledger.rows().get(e.getKey());
            assertThat(row).as("ledger row of line %d", e.getKey()).isNotNull();
            assertThat(row.state()).as("line %d (%s)", e.getKey(), row).isEqualTo(e.getValue());
            assertThat(row.reason()).as("reason of line %d", e.getKey()).isNotBlank();
        }
        assertThat(ledger.count(LeadState.PENDING)).isZero();
        assertThat(ledger.count(LeadState.FAILED)).isZero();
    }

    /** {@code leadloader report}: created.csv and bad.csv hold exactly the ledger's rows. */
    private void checkReport(Map<String, String> env, long execution, Ledger ledger) throws Exception {
        Path out = dir.resolve("report");
        Path log = dir.resolve("report.log");
        Process report = LeadloaderProcess.start(env, log, "report", String.valueOf(execution), "--out", out.toString());
        assertThat(report.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(report.exitValue()).as(Files.readString(log)).isZero();

        Set<String> created = new TreeSet<>();
        for (CSVRecord r : csv(out.resolve("created.csv"))) {
            created.add(r.get("row") + "|" + r.get("marker") + "|" + r.get("contactnow_key"));
        }
        Set<String> bad = new TreeSet<>();
        for (CSVRecord r : csv(out.resolve("bad.csv"))) {
            bad.add(r.get("row") + "|" + r.get("state").toUpperCase() + "|" + r.get("reason_code"));
        }
        Set<String> ledgerCreated = new TreeSet<>();
        Set<String> ledgerBad = new TreeSet<>();
        for (Ledger.Row row : ledger.rows().values()) {
            if (row.state() == LeadState.CREATED) {
                ledgerCreated.add(row.line() + "|" + row.marker() + "|" + row.key());
            } else {
                ledgerBad.add(row.line() + "|" + row.state() + "|" + row.reason());
            }
        }
        assertThat(created).as("created.csv").isEqualTo(ledgerCreated);
        assertThat(bad).as("bad.csv").isEqualTo(ledgerBad);
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.mark(1);
            if (in.read() != '\ufeff') {
                in.reset();
            }
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private Path spec(ChaosLeads leads) throws IOException {
        return Files.writeString(dir.resolve("chaos.yml"), """
                name: chaos
                source:
                  csv:
                    path: %s
                target:
                  table: Willtest
                  dataset: "%d"
                mapping:
                  FirstName: first_name
                  LastName: last_name
                  MobilePhone: mobile
                  Postcode: postcode
                dedupe:
                  key: [phone]
                  scope: table
                suppression:
                  files:
                    - path: %s
                      screened-on: %s
                load:
                  chunk-size: 10
                  in-flight: 4
                  max-attempts: 10
                """.formatted(leads.csv().toAbsolutePath(), DATASET, leads.suppression().toAbsolutePath(),
                LocalDate.now()));
    }

    private static long lastExecution(String output) {
        Matcher m = Pattern.compile("chaos: execution (\\d+) COMPLETED").matcher(output);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        assertThat(last).as("a completed execution in the output:\n%s", output).isPositive();
        return last;
    }

    private static long count(String text, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.substring(Math.max(0, text.length() - 6000));
    }

    /** The ledger's rows by source line, read straight from the database. */
    record Ledger(Map<Long, Row> rows) {

        record Row(long line, LeadState state, String marker, Long key, String reason) {
        }

        static Ledger read(String dbUrl) throws Exception {
            Map<Long, Row> rows = new HashMap<>();
            try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select source_position, state, marker, contactnow_key, reason_code"
                         + " from lead_ledger")) {
                while (rs.next()) {
                    long key = rs.getLong(4);
                    Row row = new Row(rs.getLong(1), LeadState.valueOf(rs.getString(2)), rs.getString(3),
                            rs.wasNull() ? null : key, rs.getString(5));
                    assertThat(rows.put(row.line(), row)).as("a second ledger row for line %d", row.line()).isNull();
                }
            }
            return new Ledger(rows);
        }

        long count(LeadState state) {
            return rows.values().stream().filter(r -> r.state() == state).count();
        }
    }
}
