package com.leadloader.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadloader.lead.Lead;
import com.leadloader.source.SourceRow;
import com.leadloader.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger against both databases it runs on: PostgreSQL (production) and H2 (the embedded default). */
class LedgerRepositoryIT {

    private static final List<HikariDataSource> OPEN = new ArrayList<>();
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    static Stream<String> databases() {
        return Stream.of("postgresql", "h2");
    }

    private static DataSource migrated(String database, String schema) {
        return migrated(database, schema, null);
    }

    private static DataSource migrated(String database, String schema, String connectionInitSql) {
        HikariDataSource ds = new HikariDataSource();
        ds.setConnectionInitSql(connectionInitSql);
        ds.setJdbcUrl(database.equals("h2")
                ? "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1"
                : TestDatabase.freshSchemaUrl(schema));
        ds.setMaximumPoolSize(6);
        OPEN.add(ds);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/" + database).load().migrate();
        return ds;
    }

    @AfterAll
    static void close() {
        OPEN.forEach(HikariDataSource::close);
    }

    private static Lead lead(String origin, long position, String key) {
        return Lead.mapped(new SourceRow(origin, position, Map.of("mobile", "07911 123456")),
                Map.of("MobilePhone", "07911123456")).withDedupeKey(key);
    }

    private static MarkedLead marked(Lead lead, String marker) {
        return new MarkedLead(lead, marker);
    }

    /**
     * Values that a JSON column, a PostgreSQL array literal or a batch could each get wrong: quotes,
     * braces, commas, backslashes, tabs and line ends, non-Latin text, empty, and text that reads
     * as a null ({@code \N}, {@code NULL}).
     */
    private static Map<String, String> awkwardValues() {
        Map<String, String> awkward = new java.util.LinkedHashMap<>();
        awkward.put("name", "{\"a\", NULL} O'Brien, \"Jo\"\tSmith\\ \u00e9\u00f1\u4e2d \ud83d\ude00");
        awkward.put("notes", "line one\r\nline two,\n\"quoted\"");
        awkward.put("empty", "");
        awkward.put("nullish", "\\N");
        awkward.put("null", "NULL");
        return awkward;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachLedgerHasANameOfItsOwnThatStaysTheSame(String database) {
        DataSource one = migrated(database, "ledger_name_one");
        DataSource other = migrated(database, "ledger_name_other");
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

        String name = new LedgerRepository(one, clock).ledgerId();

        assertThat(name).matches("[0-9a-z]{8}");
        assertThat(new LedgerRepository(one, clock).ledgerId()).as("the same ledger, later").isEqualTo(name);
        assertThat(new LedgerRepository(other, clock).ledgerId()).as("another ledger").isNotEqualTo(name);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRunIsLoadedByOneProcessAtATime(String database) {
        DataSource ds = migrated(database, "ledger_run_lock");
        LedgerRepository one = new LedgerRepository(ds, Clock.fixed(T0, ZoneOffset.UTC));
        LedgerRepository other = new LedgerRepository(ds, Clock.fixed(T0, ZoneOffset.UTC));

        try (RunLock held = one.lockRun("nightly:abc")) {
            assertThatThrownBy(() -> other.lockRun("nightly:abc")).isInstanceOf(RunLock.HeldElsewhere.class)
                    .satisfies(e -> assertThat(((RunLock.HeldElsewhere) e).embeddedDatabase())
                            .as("on H2 the whole database is held").isEqualTo(database.equals("h2")));
            if (database.equals("postgresql")) {
                try (RunLock another = other.lockRun("nightly:def")) {
                    assertThat(another).as("another run of the same job").isNotNull();
                }
            } else {
                // The embedded database serves one loader at a time, whatever it loads.
                assertThatThrownBy(() -> other.lockRun("nightly:def"))
                        .isInstanceOf(RunLock.HeldElsewhere.class)
                        .satisfies(e -> assertThat(((RunLock.HeldElsewhere) e).embeddedDatabase()).isTrue());
            }
        }
        try (RunLock after = other.lockRun("nightly:abc")) {
            assertThat(after).as("free once the first process let go").isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDatabaseThatFailsWhileTheLockIsTakenIsToldApartFromAHeldLock(String database) {
        HikariDataSource ds = (HikariDataSource) migrated(database, "ledger_run_lock_gone");
        LedgerRepository ledger = new LedgerRepository(ds, Clock.fixed(T0, ZoneOffset.UTC));
        ds.close();

        assertThatThrownBy(() -> ledger.lockRun("nightly:abc")).isInstanceOf(RunLock.Unavailable.class)
                .hasMessageStartingWith("cannot lock run ");
    }

    @Test
    void theEmbeddedDatabaseCachesNoIdsThatAKilledProcessWouldLose() {
        // H2 caches 32 values of a sequence by default, and a killed process loses them: ids jumped by 32.
        DataSource ds = migrated("h2", "ledger_sequences");
        assertThat(new JdbcTemplate(ds).queryForList("select sequence_name, cache from information_schema.sequences"))
                .hasSize(4)
                .allSatisfy(row -> assertThat(((Number) row.get("CACHE")).longValue()).as(row.toString()).isEqualTo(1));
    }

    @Test
    void aRunLockDiesWithItsConnection() throws Exception {
        HikariDataSource ds = (HikariDataSource) migrated("postgresql", "ledger_run_lock_dead");
        LedgerRepository ledger = new LedgerRepository(ds, Clock.fixed(T0, ZoneOffset.UTC));
        RunLock held = ledger.lockRun("killed:abc");
        // As when the loader is killed: the server ends its session, and the lock goes with it. Only
        // the session holding this schema's lock, and waiting (up to 10 s) until it has ended.
        List<Boolean> ended = new JdbcTemplate(ds).queryForList("select pg_terminate_backend(pid, 10000) from pg_locks l"
                + " where l.relation = 'ledger_run_lock_dead.run_lock'::regclass and l.mode = 'RowShareLock'"
                + " and l.pid <> pg_backend_pid()", Boolean.class);
        assertThat(ended).containsExactly(true);

        try (RunLock again = ledger.lockRun("killed:abc")) {
            assertThat(again).isNotNull();
        } finally {
            held.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void awkwardTextIsStoredAsItCameEmptyIsNotNullAndTimesKeepTheirMicroseconds(String database) {
        Instant at = Instant.parse("2026-11-01T09:00:00.123456Z");
        LedgerRepository ledger = new LedgerRepository(migrated(database, "ledger_text"), Clock.fixed(at, ZoneOffset.UTC));
        RunRef run = new RunRef("demo", 1, 1, "table:willtest");
        Map<String, String> awkward = awkwardValues();
        Lead sent = Lead.mapped(new SourceRow("dir/a,b \"c\".csv", 2, awkward), awkward).withDedupeKey("k1");
        Lead bad = Lead.mapped(new SourceRow("dir/a,b \"c\".csv", 3, awkward), awkward)
                .bad("NO_VALID_PHONE", "row 3: \"mobile\" is not a number,\nsee above");

        ledger.claim(run, List.of(marked(sent, "LL1.0.0")), null);
        ledger.recordRejected(run, List.of(bad));

        LedgerEntry pending = ledger.byInstance(1, LeadState.PENDING).get(0);
        assertThat(pending.origin()).isEqualTo("dir/a,b \"c\".csv");
        assertThat(pending.sourceValues()).isEqualTo(awkward);
        assertThat(pending.fields()).isEqualTo(awkward);
        assertThat(pending.message()).isNull();
        assertThat(pending.createdAt()).isEqualTo(at);
        assertThat(pending.attempts()).isEqualTo(1);
        LedgerEntry rejected = ledger.byInstance(1, LeadState.BAD).get(0);
        assertThat(rejected.message()).isEqualTo("row 3: \"mobile\" is not a number,\nsee above");
        assertThat(rejected.sourceValues()).isEqualTo(awkward);
        assertThat(rejected.fields()).isEmpty();
        assertThat(rejected.marker()).isNull();
    }

    /**
     * Claims, rejections and keys of many leads at a time, as a load writes them: on PostgreSQL
     * one statement over column arrays each, so every value (nulls, quotes, braces, commas,
     * backslashes, "NULL" as text) and the row order must come back exactly as written.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void manyRowsAtATimeKeepEveryValueEveryNullAndTheirOrder(String database) {
        Instant at = Instant.parse("2026-11-01T09:00:00.654321Z");
        LedgerRepository ledger = new LedgerRepository(migrated(database, "ledger_many"), Clock.fixed(at, ZoneOffset.UTC));
        RunRef run = new RunRef("many", 3, 30, "table:willtest");
        Map<String, String> awkward = awkwardValues();
        Lead first = Lead.mapped(new SourceRow("a.csv", 2, awkward), awkward).withDedupeKey("k1")
                .withWarning("Address1 '{x}' cut to 50 characters, \"see\" spec");
        Lead second = Lead.mapped(new SourceRow("b,\"c\".csv", 5, Map.of("mobile", "07911 123456")),
                Map.of("MobilePhone", "+447911123456")).withDedupeKey("k2");
        Lead third = lead("a.csv", 3, "k3");

        List<MarkedLead> claimed = ledger.claim(run,
                List.of(marked(first, "LL9.0.0"), marked(second, "LL9.0.1"), marked(third, "LL9.0.2")), null);
        ledger.recordRejected(run, List.of(
                lead("a.csv", 4, "k1").duplicate("duplicate of a.csv row 2", "a.csv row 2"),
                Lead.mapped(new SourceRow("a.csv", 6, awkward), Map.of()).bad("NO_VALID_PHONE", "a.csv row 6: {none}")));
        ledger.markCreated(Map.of("LL9.0.0", 7001L, "LL9.0.1", 7002L), 31);

        assertThat(claimed).hasSize(3);
        List<LedgerEntry> all = new ArrayList<>();
        ledger.forEachOfInstance(3, all::add);
        assertThat(all).extracting(LedgerEntry::where)
                .containsExactly("a.csv row 2", "a.csv row 3", "a.csv row 4", "a.csv row 6", "b,\"c\".csv row 5");
        LedgerEntry created = all.get(0);
        assertThat(created.state()).isEqualTo(LeadState.CREATED);
        assertThat(created.contactnowKey()).isEqualTo(7001L);
        assertThat(created.jobExecutionId()).isEqualTo(31);
        assertThat(created.sourceValues()).isEqualTo(awkward);
        assertThat(created.fields()).isEqualTo(awkward);
        assertThat(created.message()).isEqualTo("Address1 '{x}' cut to 50 characters, \"see\" spec");
        assertThat(created.dedupeKey()).isEqualTo("k1");
        assertThat(created.attempts()).isEqualTo(1);
        assertThat(created.createdAt()).isEqualTo(at);
        assertThat(all.get(4)).satisfies(e -> {
            assertThat(e.contactnowKey()).isEqualTo(7002L);
            assertThat(e.marker()).isEqualTo("LL9.0.1");
            assertThat(e.fields()).containsExactly(Map.entry("MobilePhone", "+447911123456"));
        });
        assertThat(all.get(1)).satisfies(e -> {
            assertThat(e.state()).isEqualTo(LeadState.PENDING);
            assertThat(e.contactnowKey()).isNull();
            assertThat(e.message()).isNull();
            assertThat(e.jobExecutionId()).isEqualTo(30);
        });
        assertThat(all.get(2)).satisfies(e -> {
            assertThat(e.state()).isEqualTo(LeadState.DUPLICATE);
            assertThat(e.duplicateOf()).isEqualTo("a.csv row 2");
            assertThat(e.marker()).isNull();
            assertThat(e.attempts()).isZero();
        });
        assertThat(all.get(3)).satisfies(e -> {
            assertThat(e.reasonCode()).isEqualTo("NO_VALID_PHONE");
            assertThat(e.message()).isEqualTo("a.csv row 6: {none}");
            assertThat(e.sourceValues()).isEqualTo(awkward);
            assertThat(e.duplicateOf()).isNull();
        });
        // The claims hold: the same keys claimed again by another run are duplicates.
        assertThat(ledger.claim(new RunRef("many", 4, 40, "table:willtest"),
                List.of(marked(lead("c.csv", 2, "k2"), "LL10.0.0"), marked(lead("c.csv", 3, "k3"), "LL10.0.1")), null))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aKeyClaimedByAnEarlierRunMakesTheLaterLeadADuplicateThatPointsAtIt(String database) {
        LedgerRepository ledger = new LedgerRepository(migrated(database, "ledger_dup"), Clock.fixed(T0, ZoneOffset.UTC));
        RunRef first = new RunRef("demo", 1, 1, "table:willtest");
        RunRef second = new RunRef("demo", 2, 2, "table:willtest");

        assertThat(ledger.claim(first, List.of(marked(lead("a.csv", 2, "k1"), "LL1.0")), null)).hasSize(1);
        ledger.markCreated(Map.of("LL1.0", 550447L), 1);
        List<MarkedLead> claimed = ledger.claim(second,
                List.of(marked(lead("b.csv", 2, "k1"), "LL2.0"), marked(lead("b.csv", 3, "k2"), "LL2.1")), null);

        assertThat(claimed).extracting(MarkedLead::marker).containsExactly("LL2.1");
        List<LedgerEntry> duplicates = ledger.byInstance(2, LeadState.DUPLICATE);
        assertThat(duplicates).singleElement().satisfies(d -> {
            assertThat(d.where()).isEqualTo("b.csv row 2");
            assertThat(d.duplicateOf()).isEqualTo("execution 1, a.csv row 2");
            assertThat(d.sourceValues()).containsEntry("mobile", "07911 123456");
        });
        assertThat(ledger.findLoaded("table:willtest", List.of("k1", "k2", "k3"), null))
                .containsOnlyKeys("k1", "k2");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClaimOlderThanTheWindowIsReleasedSoTheLeadLoadsAgain(String database) {
        DataSource ds = migrated(database, "ledger_window");
        new LedgerRepository(ds, Clock.fixed(T0, ZoneOffset.UTC))
                .claim(new RunRef("n", 1, 1, "dataset:100"), List.of(marked(lead("a.csv", 2, "k1"), "LL1.0")), null);
        LedgerRepository later = new LedgerRepository(ds, Clock.fixed(T0.plus(Duration.ofDays(40)), ZoneOffset.UTC));

        List<MarkedLead> claimed = later.claim(new RunRef("n", 2, 2, "dataset:100"),
                List.of(marked(lead("a.csv", 2, "k1"), "LL2.0")), T0.plus(Duration.ofDays(10)));

        assertThat(claimed).hasSize(1);
        assertThat(later.findLoaded("dataset:100", List.of("k1"), T0.plus(Duration.ofDays(10))))
                .containsEntry("k1", new LoadHistory.Prior("execution 2, a.csv row 2", 2, false));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void loadersClaimingTheSameKeysAtOnceLoadEachKeyOnce(String database) throws Exception {
        LedgerRepository ledger = new LedgerRepository(migrated(database, "ledger_race"), Clock.systemUTC());
        int loaders = 4;
        int keys = 300;
        ExecutorService pool = Executors.newFixedThreadPool(loaders);
        List<Future<Integer>> results = new ArrayList<>();
        for (int l = 0; l < loaders; l++) {
            int loader = l;
            Callable<Integer> claimAll = () -> {
                RunRef run = new RunRef("race", 100 + loader, 100 + loader, "table:t");
                int won = 0;
                for (int from = 0; from < keys; from += 50) {
                    List<MarkedLead> chunk = new ArrayList<>();
                    for (int k = from; k < from + 50; k++) {
                        chunk.add(marked(lead("f" + loader, k, "key" + k), "LL" + loader + "x" + k + ".0"));
                    }
                    won += ledger.claim(run, chunk, null).size();
                }
                return won;
            };
            results.add(pool.submit(claimAll));
        }
        int total = 0;
        for (Future<Integer> result : results) {
            total += result.get();
        }
        pool.shutdown();

        assertThat(total).isEqualTo(keys);
        long duplicates = 0;
        for (int l = 0; l < loaders; l++) {
            duplicates += ledger.countsOfInstance(100 + l).get(LeadState.DUPLICATE);
        }
        assertThat(duplicates).isEqualTo((long) keys * (loaders - 1));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void statesMoveFromPendingToTheirFateAndCountsFollow(String database) {
        LedgerRepository ledger = new LedgerRepository(migrated(database, "ledger_states"), Clock.systemUTC());
        RunRef run = new RunRef("s", 7, 70, "run:7");
        ledger.claim(run, List.of(marked(lead("a", 1, "k1"), "LLa.0"), marked(lead("a", 2, "k2"), "LLa.1"),
                marked(lead("a", 3, "k3"), "LLa.2")), null);
        ledger.recordRejected(run, List.of(lead("a", 4, null).bad("NO_VALID_PHONE", "a row 4: no phone")));

        ledger.markCreated(Map.of("LLa.0", 11L), 70);
        ledger.markBad(Map.of("LLa.1", "No phone number supplied."), "API_REJECTED", 70);
        ledger.markFailed(List.of("LLa.2"), "RETRIES_EXHAUSTED", "not created after 5 attempts", 70);

        Map<LeadState, Long> counts = ledger.countsOfInstance(7);
        assertThat(counts).containsEntry(LeadState.CREATED, 1L).containsEntry(LeadState.BAD, 2L)
                .containsEntry(LeadState.FAILED, 1L).containsEntry(LeadState.PENDING, 0L);
        assertThat(ledger.byInstance(7, LeadState.CREATED)).singleElement()
                .satisfies(e -> assertThat(e.contactnowKey()).isEqualTo(11L));
        // A lead the API refused gives up its claim: nothing was created, so a corrected lead may load.
        assertThat(ledger.findLoaded("run:7", List.of("k1", "k2", "k3"), null)).containsOnlyKeys("k1", "k3")
                .satisfies(found -> assertThat(found.get("k3").failed()).as("the failed lead").isTrue())
                .satisfies(found -> assertThat(found.get("k1").failed()).isFalse());
        assertThat(ledger.existing(7, List.of(lead("a", 2, null), lead("a", 4, null)))).hasSize(2);
    }

    /**
     * A key update's old row versions are gone once the next key update is recorded, not left for
     * the run's closing count: that first read of pages full of dead versions rewrote every page
     * of a run while the loader sat idle (Finding 30). The pages are inspected raw with
     * {@code pageinspect} (one of PostgreSQL's contrib modules), since any ordinary read of them,
     * {@code pgstattuple} included, would prune them itself. Sequential scans and hash and merge
     * joins are off so that each update finds its rows in this small table as it does in a run's
     * large ledger, one index look-up a marker: a plan that reads the whole table (or all of an
     * index in order) would visit, and so prune, every page on every update.
     */
    @Test
    void aKeyUpdateLeavesNoDeadRowVersionsOnceTheNextIsRecorded() {
        DataSource ds = migrated("postgresql", "ledger_prune",
                "set enable_seqscan = off; set enable_mergejoin = off; set enable_hashjoin = off");
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        jdbc.execute("create extension if not exists pageinspect schema public");
        LedgerRepository ledger = new LedgerRepository(ds, Clock.fixed(T0, ZoneOffset.UTC));
        RunRef run = new RunRef("prune", 11, 110, "table:willtest");
        int group = 500;
        List<Map<String, Long>> keyReads = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            List<MarkedLead> leads = new ArrayList<>();
            Map<String, Long> keys = new java.util.LinkedHashMap<>();
            for (int i = 0; i < group; i++) {
                int n = g * group + i;
                leads.add(marked(lead("big.csv", n + 2, "key" + n), "LL" + g + "." + i));
                keys.put("LL" + g + "." + i, 1000L + n);
            }
            assertThat(ledger.claim(run, leads, null)).hasSize(group);
            keyReads.add(keys);
        }

        keyReads.forEach(keys -> ledger.markCreated(keys, 110));

        // Old versions still on their pages: live line pointers to tuples an update replaced. Each
        // row is updated once, so without pruning there are up to 3 x 500; at most the last update's remain.
        Long oldVersions = jdbc.queryForObject("select count(*) from generate_series(0,"
                + " (pg_relation_size('lead_ledger') / current_setting('block_size')::int - 1)::int) as p,"
                + " public.heap_page_items(public.get_raw_page('lead_ledger', p)) as t"
                + " where t.lp_flags = 1 and t.t_xmax <> '0'", Long.class);
        assertThat(oldVersions).isLessThanOrEqualTo((long) group);
        assertThat(ledger.countsOfInstance(11).get(LeadState.CREATED)).isEqualTo(3L * group);
    }
}
