package com.leadloader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadloader.cli.ExitCodes;
import com.leadloader.contactnow.ContactNowClient;
import com.leadloader.contactnow.ContactNowProperties;
import com.leadloader.cli.ReportCommand;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import com.leadloader.load.LoadCounters;
import com.leadloader.sandbox.Faults;
import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.spec.JobSpecLoader;
import com.leadloader.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load job end to end: sandbox over HTTP, ledger and job repository on PostgreSQL. */
class LoadJobIT {

    @TempDir
    Path dir;

    /** Every created ledger row is exactly one record in the sandbox, under its marker and key. */
    private static void assertCreatedExactlyOnce(LoadHarness h, List<LedgerEntry> created) {
        assertEachCreatedOnce(h, created);
        assertThat(h.sandbox.store().recordCount()).isEqualTo(created.size());
    }

    /** Each created ledger row is one record under its marker and key (other runs' records may exist). */
    private static void assertEachCreatedOnce(LoadHarness h, List<LedgerEntry> created) {
        for (LedgerEntry entry : created) {
            assertThat(h.sandbox.store().countWhere("VENDOR_URN", entry.marker()))
                    .as("records carrying marker %s", entry.marker()).isEqualTo(1);
            assertThat(h.sandbox.store().record(entry.contactnowKey())).get()
                    .satisfies(r -> assertThat(r).containsEntry("VENDOR_URN", entry.marker()));
        }
    }

    @Test
    void theDemoLeadsAreEachAccountedForAndCreatedOnce() throws Exception {
        try (LoadHarness h = LoadHarness.start("load_demo", SandboxConfig.defaults())) {
            Path spec = Path.of("jobs/demo.yml");
            RunOutcome outcome = h.run(spec, Map.of());

            assertThat(outcome.status()).isEqualTo(BatchStatus.COMPLETED);
            List<LedgerEntry> rows = h.rows(outcome.jobInstanceId());
            long sourceRows = ShippedSource.rows(JobSpecLoader.load(spec));
            assertThat(rows).hasSize((int) sourceRows);
            assertThat(rows).extracting(LedgerEntry::state).doesNotContain(LeadState.PENDING, LeadState.FAILED);
            List<LedgerEntry> created = h.rows(outcome.jobInstanceId(), LeadState.CREATED);
            assertThat(created).isNotEmpty();
            assertCreatedExactlyOnce(h, created);
            assertThat(rows).filteredOn(e -> e.state() != LeadState.CREATED)
                    .allSatisfy(e -> {
                        assertThat(e.reasonCode()).isNotBlank();
                        assertThat(e.message()).isNotBlank();
                    });
            assertThat(outcome.count(LeadState.DUPLICATE)).isPositive();
            assertThat(outcome.count(LeadState.SUPPRESSED)).isPositive();
            assertThat(outcome.count(LeadState.BAD)).isPositive();
            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);

            // The report files match the ledger, lead for lead.
            ReportCommand.Reports.Written report = ReportCommand.Reports.write(h.ledger(), outcome.jobInstanceId(),
                    dir.resolve("report"));
            List<String> createdLines = Files.readAllLines(report.created());
            assertThat(createdLines).hasSize(created.size() + 1);
            Set<String> keys = created.stream().map(e -> e.marker() + "," + e.contactnowKey()).collect(Collectors.toSet());
            assertThat(createdLines.subList(1, createdLines.size()))
                    .allSatisfy(line -> assertThat(keys).anyMatch(line::endsWith));
            assertThat(report.badRows()).isEqualTo(rows.size() - created.size());
        }
    }

    @Test
    void aNightlyJdbcRunReadsOnlyTheRowsChangedSinceTheLastSuccessfulOne() throws Exception {
        String crm = crmTable("load_crm");
        Path spec = Files.writeString(dir.resolve("nightly-crm-jdbc.yml"), shippedNightly(crm));
        try (LoadHarness h = LoadHarness.start("load_nightly", SandboxConfig.defaults())) {
            RunOutcome first = h.run(spec, Map.of());
            assertThat(first.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(h.rows(first.jobInstanceId())).hasSize(12);

            try (Connection c = DriverManager.getConnection(crm); Statement s = c.createStatement()) {
                s.execute("insert into crm_leads (id, first_name, last_name, mobile, home_phone, email, postcode, updated_at)"
                        + " values (13, 'Ava', 'Reid', '07912 345670', null, 'ava.reid@example.com', 'G1 1AA', '2025-04-01 09:00'),"
                        + " (14, 'Owen', 'Hughes', '07824 556677', null, 'owen.hughes@example.com', 'LL11 1AA', '2025-04-01 09:05')");
            }
            RunOutcome second = h.run(spec, Map.of());

            // Only the two rows past the first run's high-water mark are read, and both load.
            assertThat(second.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(second.jobInstanceId()).isNotEqualTo(first.jobInstanceId());
            assertThat(h.rows(second.jobInstanceId())).hasSize(2)
                    .allSatisfy(e -> assertThat(e.state()).isEqualTo(LeadState.CREATED));

            // A night with nothing new: no job, and no empty dataset (the spec asks for a new one each run).
            int datasets = h.sandbox.store().datasets().size();
            RunOutcome quiet = h.run(spec, Map.of());
            assertThat(quiet.started()).isFalse();
            assertThat(quiet.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(quiet.message()).startsWith("the source has no rows past 2025-04-01T09:05");
            assertThat(h.sandbox.store().datasets()).hasSize(datasets);

            insertCrmLead(crm, 15, "07912 345681", "2025-04-02 10:00");
            RunOutcome next = h.run(spec, Map.of());
            assertThat(next.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(h.rows(next.jobInstanceId())).singleElement()
                    .satisfies(e -> assertThat(e.fields()).containsEntry("AgentRef", "15"));
        }
    }

    @Test
    void aNightThatReadsNothingLeavesTheNextNightItsWatermark() throws Exception {
        String crm = crmTable("load_crm_quiet");
        // Into one dataset, so that a night with nothing new runs (and completes) with no rows.
        Path spec = Files.writeString(dir.resolve("nightly-fixed.yml"), shippedNightly(crm)
                .replace("  dataset: new\n  go-live: true\n", "  dataset: \"100\"\n"));
        try (LoadHarness h = LoadHarness.start("load_nightly_quiet", SandboxConfig.defaults())) {
            RunOutcome first = h.run(spec, Map.of());
            assertThat(h.rows(first.jobInstanceId())).hasSize(12);

            RunOutcome quiet = h.run(spec, Map.of());
            assertThat(quiet.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(quiet.jobInstanceId()).isNotEqualTo(first.jobInstanceId());
            assertThat(quiet.rowsRead()).isZero();

            // Before, this night was taken for the quiet one ("already loaded") and its lead never sent;
            // and a mark kept as text failed to bind against the timestamp column.
            insertCrmLead(crm, 13, "07912 345670", "2025-04-01 09:00");
            RunOutcome next = h.run(spec, Map.of());
            assertThat(next.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(next.jobInstanceId()).isNotEqualTo(quiet.jobInstanceId());
            assertThat(h.rows(next.jobInstanceId())).singleElement()
                    .satisfies(e -> assertThat(e.state()).isEqualTo(LeadState.CREATED));

            RunOutcome quietAgain = h.run(spec, Map.of());
            assertThat(quietAgain.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(quietAgain.rowsRead()).isZero();
        }
    }

    /** A schema holding the sample CRM table (sample-data/crm-postgres.sql); its URL. */
    private static String crmTable(String schema) throws Exception {
        String crm = TestDatabase.freshSchemaUrl(schema);
        try (Connection c = DriverManager.getConnection(crm); Statement s = c.createStatement()) {
            s.execute(Files.readString(Path.of("sample-data/crm-postgres.sql")));
        }
        return crm;
    }

    /** The shipped nightly job, pointed at that table (trust auth here: no password to export). */
    private static String shippedNightly(String crm) throws Exception {
        return Files.readString(Path.of("jobs/nightly-crm-jdbc.yml"))
                .replace("url: jdbc:postgresql://127.0.0.1:5432/test", "url: \"" + crm + "\"")
                .replace("    password-env: CRM_DB_PASSWORD\n", "");
    }

    private static void insertCrmLead(String crm, int id, String mobile, String updatedAt) throws Exception {
        try (Connection c = DriverManager.getConnection(crm);
             var insert = c.prepareStatement("insert into crm_leads (id, first_name, last_name, mobile, postcode, updated_at)"
                     + " values (?, 'New', 'Lead', ?, 'LS1 1AA', cast(? as timestamp))")) {
            insert.setInt(1, id);
            insert.setString(2, mobile);
            insert.setString(3, updatedAt);
            insert.executeUpdate();
        }
    }

    @Test
    void runningTheSameFileAgainCreatesNothingNew() {
        try (LoadHarness h = LoadHarness.start("load_again", SandboxConfig.defaults())) {
            Path spec = LeadFiles.spec(dir, "again", LeadFiles.csv(dir, "again.csv", 0, 120), "");
            RunOutcome first = h.run(spec, Map.of());
            int records = h.sandbox.store().recordCount();
            assertThat(records).isEqualTo(120);

            RunOutcome same = h.run(spec, Map.of());
            assertThat(same.jobExecutionId()).isEqualTo(first.jobExecutionId());
            assertThat(same.message()).contains("already loaded");

            // A new run identity (another --param) over the same people: all duplicates of the first load.
            RunOutcome another = h.run(spec, Map.of("batch", "2"));
            assertThat(another.jobInstanceId()).isNotEqualTo(first.jobInstanceId());
            assertThat(another.count(LeadState.DUPLICATE)).isEqualTo(120);
            assertThat(another.count(LeadState.CREATED)).isZero();
            assertThat(h.sandbox.store().recordCount()).isEqualTo(records);
            assertThat(h.rows(another.jobInstanceId(), LeadState.DUPLICATE))
                    .allSatisfy(e -> assertThat(e.duplicateOf()).startsWith("execution " + first.jobExecutionId()));
        }
    }

    @Test
    void lostResponsesAndServerErrorsCreateNoDuplicates() {
        Faults faults = new Faults(0, 0.15, 0.25, LostResponseMode.DROP_CONNECTION, 0.05, 0, 0, 42);
        try (LoadHarness h = LoadHarness.start("load_faults", SandboxConfig.defaults().withFaults(faults))) {
            Path spec = LeadFiles.spec(dir, "faults", LeadFiles.csv(dir, "faults.csv", 1000, 1500),
                    "load:\n  chunk-size: 50\n  in-flight: 3\n  max-attempts: 12\n");
            RunOutcome outcome = h.run(spec, Map.of());

            assertThat(outcome.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(h.sandbox.faults().lostAfter()).isPositive();
            assertThat(outcome.count(LeadState.CREATED)).isEqualTo(1500);
            assertCreatedExactlyOnce(h, h.rows(outcome.jobInstanceId(), LeadState.CREATED));
        }
    }

    @Test
    void aSecondLedgerLoadingIntoTheSameTableNeverTakesTheFirstOnesRecordsForItsOwn() {
        // Each ledger counts its marker groups from 1: a second one (a new data directory, another
        // environment) whose request fails ambiguously reads back by marker, and must not find the
        // first ledger's records there and record its own leads as created without sending them.
        try (LoadHarness first = LoadHarness.start("load_ledger_one", SandboxConfig.defaults());
             LoadHarness second = LoadHarness.start("load_ledger_two", SandboxConfig.defaults())) {
            String extra = "load:\n  chunk-size: 10\n  in-flight: 2\n  max-attempts: 20\n";
            RunOutcome one = first.run(LeadFiles.spec(dir, "ledger-one", LeadFiles.csv(dir, "one.csv", 0, 60), extra), Map.of());
            assertThat(one.count(LeadState.CREATED)).isEqualTo(60);

            first.sandbox.setFaults(new Faults(0, 0.5, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 7));
            RunOutcome two = second.run(LeadFiles.spec(dir, "ledger-two", LeadFiles.csv(dir, "two.csv", 5000, 60), extra),
                    Map.of(), first.client);

            assertThat(first.sandbox.faults().failedBefore()).isPositive();
            assertThat(two.count(LeadState.CREATED)).isEqualTo(60);
            assertThat(first.sandbox.store().recordCount()).as("records in ContactNow").isEqualTo(120);
            for (int i = 5000; i < 5060; i++) {
                assertThat(first.sandbox.store().countWhere("MobilePhone", String.format("07400%06d", i)))
                        .as("the second ledger's lead %d", i).isEqualTo(1);
            }
            assertThat(second.ledger().ledgerId()).isNotEqualTo(first.ledger().ledgerId());
            for (LedgerEntry e : second.rows(two.jobInstanceId(), LeadState.CREATED)) {
                assertThat(e.marker()).startsWith("LL" + second.ledger().ledgerId() + "-");
                assertThat(first.sandbox.store().record(e.contactnowKey())).get()
                        .satisfies(r -> assertThat(r).containsEntry("VENDOR_URN", e.marker()));
            }
        }
    }

    @Test
    void aCopyOfALedgerLoadingIntoTheSameTableStillTakesOnlyItsOwnRecords() throws Exception {
        // A restored backup or a copied data directory: the ledger's name, and its group numbers, alike.
        try (LoadHarness original = LoadHarness.start("load_ledger_original", SandboxConfig.defaults());
             LoadHarness copy = LoadHarness.start("load_ledger_copy", SandboxConfig.defaults())) {
            try (Connection c = DriverManager.getConnection(copy.dbUrl); Statement s = c.createStatement()) {
                s.executeUpdate("delete from ledger_identity");
                s.executeUpdate("insert into ledger_identity (singleton, ledger_id, created_at) values (1, '"
                        + original.ledger().ledgerId() + "', current_timestamp)");
            }
            String extra = "load:\n  chunk-size: 10\n  in-flight: 2\n";
            RunOutcome one = original.run(LeadFiles.spec(dir, "original", LeadFiles.csv(dir, "original.csv", 0, 60), extra),
                    Map.of());
            RunOutcome two = copy.run(LeadFiles.spec(dir, "copy", LeadFiles.csv(dir, "copy.csv", 5000, 60), extra),
                    Map.of(), original.client);

            assertThat(copy.ledger().ledgerId()).isEqualTo(original.ledger().ledgerId());
            assertThat(one.count(LeadState.CREATED)).isEqualTo(60);
            assertThat(two.count(LeadState.CREATED)).isEqualTo(60);
            assertThat(original.sandbox.store().recordCount()).as("records in ContactNow").isEqualTo(120);
            for (LedgerEntry e : copy.rows(two.jobInstanceId(), LeadState.CREATED)) {
                assertThat(original.sandbox.store().record(e.contactnowKey())).as(e.marker()).get()
                        .satisfies(r -> assertThat(r).containsEntry("VENDOR_URN", e.marker())
                                .containsEntry("MobilePhone", e.fields().get("MobilePhone")));
            }
        }
    }

    @Test
    void aSandboxRunThatLeftLeadsPendingSaysWhyItCannotBeResumed() throws Exception {
        try (LoadHarness h = LoadHarness.start("load_sandbox_pending", SandboxConfig.defaults())) {
            Path spec = LeadFiles.spec(dir, "rehearsal", LeadFiles.csv(dir, "rehearsal.csv", 0, 20),
                    "load:\n  chunk-size: 10\n");
            Files.writeString(spec, Files.readString(spec).replace("  dataset: \"100\"\n", "  dataset: \"100\"\n  sandbox: true\n"));
            RunOutcome first = h.run(spec, Map.of());
            // As a process killed mid-request leaves it: the execution running, a request's leads pending.
            try (Connection c = DriverManager.getConnection(h.dbUrl); Statement s = c.createStatement()) {
                s.executeUpdate("update batch_job_execution set status = 'STARTED', end_time = null");
                s.executeUpdate("update lead_ledger set state = 'PENDING', contactnow_key = null"
                        + " where source_position in (2, 3)");
            }

            assertThatThrownBy(() -> h.run(spec, Map.of()))
                    .isInstanceOf(com.leadloader.cli.UserError.class)
                    .hasMessageContaining("execution " + first.jobExecutionId() + " left 2 leads pending in the in-process sandbox")
                    .hasMessageContaining("cannot be resumed").hasMessageContaining("leadloader sandbox");
        }
    }

    @Test
    void leadsTheApiRefusesCarryItsOwnErrorAndTheRestLoad() {
        try (LoadHarness h = LoadHarness.start("load_refused", SandboxConfig.defaults())) {
            // leadloader does not check outcome codes; ContactNow refuses one it does not know.
            Path csv = LeadFiles.write(dir.resolve("refused.csv"), """
                    first_name,mobile,outcome
                    Ann,07400 100001,100
                    Bob,07400 100002,999
                    Cy,07400 100003,109
                    Di,07400 100004,100
                    """);
            Path spec = LeadFiles.write(dir.resolve("refused.yml"), """
                    name: refused
                    source:
                      csv:
                        path: %s
                    target:
                      table: Willtest
                      dataset: "100"
                    mapping:
                      FirstName: first_name
                      MobilePhone: mobile
                      outcomecode: outcome
                    """.formatted(csv.toAbsolutePath()));
            RunOutcome outcome = h.run(spec, Map.of());

            assertThat(outcome.count(LeadState.CREATED)).isEqualTo(3);
            assertThat(h.rows(outcome.jobInstanceId(), LeadState.BAD)).singleElement().satisfies(e -> {
                assertThat(e.sourcePosition()).isEqualTo(3);
                assertThat(e.reasonCode()).isEqualTo("API_REJECTED");
                assertThat(e.message()).isEqualTo("Outcome code [999] does not exist.");
            });
            assertCreatedExactlyOnce(h, h.rows(outcome.jobInstanceId(), LeadState.CREATED));
        }
    }

    @Test
    void anExpiredDatasetIsRefusedBeforeAnythingIsSent() {
        try (LoadHarness h = LoadHarness.start("load_expired", SandboxConfig.defaults())) {
            Path spec = LeadFiles.spec(dir, "expired", LeadFiles.csv(dir, "expired.csv", 0, 10), "");
            h.sandbox.store().setDatasetStatus(100, "EXPIRED");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.run(spec, Map.of()))
                    .isInstanceOf(com.leadloader.cli.UserError.class)
                    .hasMessageContaining("dataset 100 is EXPIRED");
            assertThat(h.sandbox.store().recordCount()).isZero();
        }
    }

    @Test
    void aDatasetThatExpiresMidRunStopsTheJobWithEverythingCreatedRecorded() {
        try (LoadHarness h = LoadHarness.start("load_expiring", SandboxConfig.defaults())) {
            Path spec = LeadFiles.spec(dir, "expiring", LeadFiles.csv(dir, "expiring.csv", 0, 400),
                    "load:\n  chunk-size: 50\n  in-flight: 1\n");
            h.sandbox.expireDatasetAfterRecords(100, 120);

            RunOutcome outcome = h.run(spec, Map.of());

            assertThat(outcome.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
            assertThat(outcome.message()).contains("EXPIRED");
            List<LedgerEntry> created = h.rows(outcome.jobInstanceId(), LeadState.CREATED);
            assertThat(created).hasSize(h.sandbox.store().recordCount());
            assertCreatedExactlyOnce(h, created);

            // The operator sets the dataset live again; the same command resumes the same run.
            h.sandbox.expireDatasetAfterRecords(100, Long.MAX_VALUE);
            h.sandbox.store().setDatasetStatus(100, "LIVE");
            RunOutcome resumed = h.run(spec, Map.of());

            assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(resumed.jobInstanceId()).isEqualTo(outcome.jobInstanceId());
            assertThat(resumed.jobExecutionId()).isNotEqualTo(outcome.jobExecutionId());
            assertThat(resumed.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(resumed.count(LeadState.CREATED)).isEqualTo(400);
            assertThat(h.rows(resumed.jobInstanceId())).hasSize(400);
            assertCreatedExactlyOnce(h, h.rows(resumed.jobInstanceId(), LeadState.CREATED));
        }
    }

    /** Every create answered 500: with two attempts each, every lead of a run ends FAILED. */
    private static final Faults EVERYTHING_FAILS = new Faults(0, 1.0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 7);
    private static final String RERUN_LOAD = "load:\n  chunk-size: 20\n  in-flight: 1\n  max-attempts: 2\n";

    @Test
    void leadsThatFailAfterRetriesAreSentAgainByRerunFailedAndOnlyThose() throws Exception {
        try (LoadHarness h = LoadHarness.start("load_rerun", SandboxConfig.defaults())) {
            Path spec = LeadFiles.spec(dir, "rerun", LeadFiles.csv(dir, "rerun.csv", 5000, 60),
                    RERUN_LOAD);
            h.run(spec, Map.of()); // 60 created
            h.sandbox.setFaults(EVERYTHING_FAILS);
            Path more = LeadFiles.spec(dir, "rerun2", LeadFiles.csv(dir, "rerun2.csv", 6000, 40), RERUN_LOAD);
            RunOutcome failed = h.run(more, Map.of());
            assertThat(failed.count(LeadState.FAILED)).isEqualTo(40);
            assertThat(failed.exitCode()).isEqualTo(ExitCodes.LEADS_FAILED);

            h.sandbox.setFaults(Faults.none());
            int before = h.sandbox.store().recordCount();
            LoadCounters counters = new LoadCounters();
            JobExecution rerun = rerun(h, more, failed, h.client, counters);

            assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(counters.created.sum()).isEqualTo(40);
            assertThat(h.sandbox.store().recordCount()).isEqualTo(before + 40);
            RunOutcome after = h.context.getBean(LoadRunner.class).outcome(
                    h.context.getBean(org.springframework.batch.core.repository.JobRepository.class)
                            .getJobExecution(failed.jobExecutionId()), null);
            assertThat(after.count(LeadState.FAILED)).isZero();
            assertThat(after.count(LeadState.CREATED)).isEqualTo(40);
            assertEachCreatedOnce(h, h.rows(failed.jobInstanceId(), LeadState.CREATED));
        }
    }

    @Test
    void aRerunStoppedByAnErrorLeavesItsLeadsToTheNextRerunNotPendingForEver() throws Exception {
        try (LoadHarness h = LoadHarness.start("load_rerun_stopped", SandboxConfig.defaults())) {
            Path spec = LeadFiles.spec(dir, "rerun3", LeadFiles.csv(dir, "rerun3.csv", 8000, 40), RERUN_LOAD);
            h.sandbox.setFaults(EVERYTHING_FAILS);
            RunOutcome failed = h.run(spec, Map.of());
            assertThat(failed.count(LeadState.FAILED)).isEqualTo(40);
            h.sandbox.setFaults(Faults.none());

            // Credentials ContactNow refuses stop the rerun at its first request, whose leads it had
            // reopened; the other request's leads it never reached are still failed.
            try (ContactNowClient refused = new ContactNowClient(
                    ContactNowProperties.of(h.sandbox.baseUrl(), "sandbox", "not-the-password"))) {
                assertThat(rerun(h, spec, failed, refused, new LoadCounters()).getStatus()).isEqualTo(BatchStatus.FAILED);
            }
            assertThat(h.rows(failed.jobInstanceId(), LeadState.PENDING)).hasSize(20);
            assertThat(h.rows(failed.jobInstanceId(), LeadState.FAILED)).hasSize(20);
            assertThat(h.sandbox.store().recordCount()).isZero();

            LoadCounters counters = new LoadCounters();
            assertThat(rerun(h, spec, failed, h.client, counters).getStatus()).isEqualTo(BatchStatus.COMPLETED);

            assertThat(counters.created.sum()).isEqualTo(40);
            assertThat(h.sandbox.store().recordCount()).isEqualTo(40);
            assertThat(h.rows(failed.jobInstanceId(), LeadState.CREATED)).hasSize(40);
            assertEachCreatedOnce(h, h.rows(failed.jobInstanceId(), LeadState.CREATED));
        }
    }

    private static JobExecution rerun(LoadHarness h, Path spec, RunOutcome original, ContactNowClient client,
                                      LoadCounters counters) throws Exception {
        var loaded = JobSpecLoader.load(spec);
        var job = h.context.getBean(LoadJobFactory.class).createRerun(loaded.name() + "-rerun", original.jobInstanceId(),
                loaded, client, "100", counters);
        return h.context.getBean(JobOperator.class).start(job, new JobParametersBuilder()
                .addLong("rerun.of.execution", original.jobExecutionId())
                .addLong("rerun.at", System.nanoTime()).toJobParameters());
    }

    /** A spec loading into a dataset created per run on HOLD and switched LIVE at the end. */
    private Path stagedSpec(String name, int first, int rows) throws Exception {
        Path spec = LeadFiles.spec(dir, name, LeadFiles.csv(dir, name + ".csv", first, rows),
                "load:\n  chunk-size: 20\n  in-flight: 2\n  max-attempts: 2\n");
        return Files.writeString(spec, Files.readString(spec).replace("dataset: \"100\"", "dataset: new\n  go-live: true"));
    }

    @Test
    void stagedGoLiveSwitchesTheNewDatasetLiveOnlyWhenEveryLeadLanded() throws Exception {
        try (LoadHarness h = LoadHarness.start("load_golive", SandboxConfig.defaults())) {
            int before = h.sandbox.store().datasets().size();
            RunOutcome outcome = h.run(stagedSpec("staged", 7000, 100), Map.of());

            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
            var datasets = h.sandbox.store().datasets();
            assertThat(datasets).hasSize(before + 1);
            var created = datasets.get(datasets.size() - 1);
            assertThat(created.description()).isEqualTo("staged.csv");
            assertThat(created.status()).isEqualTo("LIVE");
            assertThat(created.recordCount()).isEqualTo(100);
        }
    }

    @Test
    void aStagedDatasetStaysOnHoldWhenLeadsFailed() throws Exception {
        try (LoadHarness h = LoadHarness.start("load_hold", SandboxConfig.defaults())) {
            h.sandbox.setFaults(new Faults(0, 1.0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 3));
            RunOutcome outcome = h.run(stagedSpec("held", 8000, 40), Map.of());

            assertThat(outcome.count(LeadState.FAILED)).isEqualTo(40);
            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.LEADS_FAILED);
            var datasets = h.sandbox.store().datasets();
            assertThat(datasets.get(datasets.size() - 1).status()).isEqualTo("HOLD");
        }
    }

    @Test
    void moreBadLeadsThanTheThresholdFinishesWithExitCodeThree() throws Exception {
        try (LoadHarness h = LoadHarness.start("load_toobad", SandboxConfig.defaults())) {
            StringBuilder csv = new StringBuilder("id,first_name,last_name,mobile,postcode\n");
            for (int i = 0; i < 20; i++) {
                String mobile = i % 4 == 0 ? "n/a" : String.format("07400 8%05d", i);
                csv.append(i).append(",Ann,Lee,").append(mobile).append(",LS1 1AA\n");
            }
            Path leads = LeadFiles.write(dir.resolve("toobad.csv"), csv.toString());
            Path spec = LeadFiles.spec(dir, "toobad", leads, "validation:\n  max-bad-percent: 10\n");
            RunOutcome outcome = h.run(spec, Map.of());

            assertThat(outcome.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(outcome.count(LeadState.BAD)).isEqualTo(5);
            assertThat(outcome.count(LeadState.CREATED)).isEqualTo(15);
            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.TOO_MANY_BAD);
            assertThat(outcome.message()).contains("5 of 20 leads are bad (25.0%)").contains("max-bad-percent (10%)");
        }
    }

    @Test
    void credentialsRevokedMidRunStopTheJobCleanlyAndTheRunResumesWithNewOnes() throws Exception {
        try (LoadHarness h = LoadHarness.start("load_revoked", SandboxConfig.defaults())) {
            Path spec = LeadFiles.spec(dir, "revoked", LeadFiles.csv(dir, "revoked.csv", 20_000, 600),
                    "load:\n  chunk-size: 20\n  in-flight: 1\n");
            h.sandbox.setFaults(new Faults(10, 0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 0, 1));
            java.util.concurrent.CompletableFuture<RunOutcome> running =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> h.run(spec, Map.of()));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1))
                    .until(() -> h.sandbox.store().recordCount() >= 100 || running.isDone());
            h.sandbox.store().setPassword("sandbox", "rotated-by-the-admin");
            h.sandbox.store().revokeTokens();
            RunOutcome outcome = running.get(1, java.util.concurrent.TimeUnit.MINUTES);

            assertThat(outcome.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
            assertThat(outcome.message()).containsIgnoringCase("authentication").doesNotContain("rotated-by-the-admin");
            assertThat(outcome.count(LeadState.FAILED)).as("no lead is given up on for a credentials problem").isZero();
            List<LedgerEntry> created = h.rows(outcome.jobInstanceId(), LeadState.CREATED);
            assertThat(created).hasSizeLessThan(600);
            assertEachCreatedOnce(h, created);

            h.sandbox.setFaults(Faults.none());
            h.sandbox.store().setPassword("sandbox", "sandbox");
            RunOutcome resumed = h.run(spec, Map.of());
            assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(resumed.count(LeadState.CREATED)).isEqualTo(600);
            assertCreatedExactlyOnce(h, h.rows(resumed.jobInstanceId(), LeadState.CREATED));
        }
    }

    @Test
    void aPartitionedStepLoadsEachLeadOnceAndRestartsOnlyWhatWasLeft() throws Exception {
        try (LoadHarness h = LoadHarness.start("load_partitions", SandboxConfig.defaults())) {
            StringBuilder csv = new StringBuilder("id,first_name,last_name,mobile,postcode\n");
            for (int i = 0; i < 900; i++) {
                csv.append(i).append(",Ann,Lee,").append(String.format("07400 6%05d", i)).append(",LS1 1AA\n");
            }
            for (int d = 0; d < 100; d++) { // the same numbers written another way, in other partitions
                csv.append(900 + d).append(",Ann,Lee,").append(String.format("+44 7400 6%05d", d * 9 + 1))
                        .append(",LS1 1AA\n");
            }
            Path leads = LeadFiles.write(dir.resolve("partitions.csv"), csv.toString());
            Path spec = LeadFiles.spec(dir, "partitions", leads, "load:\n  chunk-size: 20\n  in-flight: 2\n  partitions: 3\n");
            h.sandbox.expireDatasetAfterRecords(100, 300);

            RunOutcome failed = h.run(spec, Map.of());
            assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED_RESTARTABLE);
            assertEachCreatedOnce(h, h.rows(failed.jobInstanceId(), LeadState.CREATED));

            h.sandbox.expireDatasetAfterRecords(100, Long.MAX_VALUE);
            h.sandbox.store().setDatasetStatus(100, "LIVE");
            RunOutcome resumed = h.run(spec, Map.of());

            assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(resumed.jobInstanceId()).isEqualTo(failed.jobInstanceId());
            assertThat(resumed.count(LeadState.CREATED)).isEqualTo(900);
            assertThat(resumed.count(LeadState.DUPLICATE)).isEqualTo(100);
            assertThat(h.rows(resumed.jobInstanceId())).hasSize(1000);
            assertCreatedExactlyOnce(h, h.rows(resumed.jobInstanceId(), LeadState.CREATED));
            var steps = h.context.getBean(org.springframework.batch.core.repository.JobRepository.class)
                    .getJobExecution(resumed.jobExecutionId()).getStepExecutions();
            assertThat(steps).extracting(org.springframework.batch.core.step.StepExecution::getStepName)
                    .contains("load", "load-partition:partition0");
        }
    }
}
