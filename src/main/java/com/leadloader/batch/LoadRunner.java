package com.leadloader.batch;

import com.leadloader.cli.ExitCodes;
import com.leadloader.cli.UserError;
import com.leadloader.contactnow.CampaignField;
import com.leadloader.contactnow.ContactNowClient;
import com.leadloader.lead.LeadProcessor;
import com.leadloader.lead.PhoneNormalizer;
import com.leadloader.lead.SuppressionList;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.ledger.RunLock;
import com.leadloader.load.LoadCounters;
import com.leadloader.ops.LoadMetrics;
import com.leadloader.source.JdbcLeadReader;
import com.leadloader.source.SourceReaders;
import com.leadloader.source.SourceRow;
import com.leadloader.spec.JobSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Runs one load: checks the target before anything is sent, starts the job (or restarts the
 * failed run with the same parameters, first marking a killed one as failed), switches a staged
 * dataset live when everything landed, and sums up the outcome for the exit code.
 */
public final class LoadRunner {

    private static final Logger log = LoggerFactory.getLogger(LoadRunner.class);

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final LoadJobFactory jobFactory;
    private final LedgerRepository ledger;
    private final Clock clock;
    private final LoadMetrics metrics;

    public LoadRunner(JobRepository jobRepository, JobOperator jobOperator, LoadJobFactory jobFactory,
                      LedgerRepository ledger, Clock clock, LoadMetrics metrics) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.jobFactory = jobFactory;
        this.ledger = ledger;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Runs the spec's load through this client.
     *
     * @param params   the user's {@code --param}s (part of the run's identity)
     * @param terminal where to draw a progress bar, or null for periodic log lines
     */
    public RunOutcome run(JobSpec spec, Path specPath, Map<String, String> params, ContactNowClient client,
                          PrintStream terminal) {
        return run(spec, specPath, params, Partition.WHOLE, client, terminal);
    }

    /**
     * Runs one partition of the spec's load; several processes (one per partition) can run at
     * once against the same job repository and ledger.
     */
    public RunOutcome run(JobSpec spec, Path specPath, Map<String, String> params, Partition partition,
                          ContactNowClient client, PrintStream terminal) {
        partition.checkFits(spec);
        Watermark watermark = spec.source().jdbc() != null && spec.source().jdbc().watermarkColumn() != null
                ? lastWatermark(spec.name(), partition) : Watermark.NONE;
        Object watermarkFrom = watermark.value();
        JobParameters identity = RunIdentity.parameters(spec, params, sourceFiles(spec),
                watermarkFrom == null ? null : watermarkFrom.toString(), watermark.execution(), specPath);
        if (!partition.whole()) {
            identity = new JobParametersBuilder(identity)
                    .addString(RunIdentity.PARTITION, partition.toString(), true).toJobParameters();
        }
        try (RunLock lock = lockRun(spec.name(), identity)) {
            return run(spec, specPath, params, partition, client, terminal, watermarkFrom, identity);
        }
    }

    /**
     * This process's lock on the run of {@code jobName} with these (identifying) parameters, so that
     * a second process started on it (a run, or a rerun of its failed leads) is refused rather than
     * taking the first one's execution, still loading, for one a killed process left behind.
     *
     * @throws UserError (exit 4) when another process holds it, or keeps the embedded database open, or the
     *                   ledger database fails taking it
     */
    public RunLock lockRun(String jobName, JobParameters identity) {
        String key = jobName + ":" + new DefaultJobKeyGenerator().generateKey(identity);
        try {
            return ledger.lockRun(key);
        } catch (RunLock.HeldElsewhere e) {
            if (e.embeddedDatabase()) {
                throw new UserError(jobName + ": another leadloader process is loading into the embedded database"
                        + " now, and it serves one loader at a time; nothing was sent. Wait for it to finish, or set"
                        + " LEADLOADER_DB_URL to a PostgreSQL database to run loads side by side",
                        ExitCodes.FAILED_RESTARTABLE, e);
            }
            JobExecution running = jobRepository.getLastJobExecution(jobName, identity);
            String which = running == null ? "" : " (execution " + running.getId()
                    + (running.getStartTime() == null ? "" : ", started " + running.getStartTime().withNano(0)
                    .toString().replace('T', ' ')) + ")";
            throw new UserError(jobName + ": another leadloader process is loading this run now" + which
                    + "; nothing was sent. Wait for it to finish, or stop it, then run the same command again",
                    ExitCodes.FAILED_RESTARTABLE, e);
        } catch (RunLock.ServedElsewhere e) {
            throw new UserError(jobName + ": " + e.getMessage() + "; nothing was sent. Run the same command again"
                    + " once it has finished, or set LEADLOADER_DB_URL to a PostgreSQL database",
                    ExitCodes.FAILED_RESTARTABLE, e);
        } catch (RunLock.Unavailable e) {
            throw new UserError(jobName + ": " + e.getMessage() + "; nothing was sent. Run the same command again"
                    + " once the database answers", ExitCodes.FAILED_RESTARTABLE, e);
        }
    }

    private RunOutcome run(JobSpec spec, Path specPath, Map<String, String> params, Partition partition,
                           ContactNowClient client, PrintStream terminal, Object watermarkFrom, JobParameters identity) {
        JobExecution last = jobRepository.getLastJobExecution(spec.name(), identity);
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            return outcome(last, "already loaded by execution " + last.getId()
                    + ": nothing to do (change the source or pass another --param to load again)").loadedEarlier();
        }
        if (last != null && spec.target().sandbox()) {
            refuseToResumeIntoAFreshSandbox(spec, last);
        }
        if (last != null && leftRunning(last)) {
            // The process that ran it is gone (killed, or stopped by SIGTERM without finishing its
            // chunk within the grace period), since this one holds the run's lock: mark it failed
            // so that it can restart.
            log.warn("execution {} of {} was left {} by a process that stopped; recovering it to restart it",
                    last.getId(), spec.name(), last.getStatus());
            jobOperator.recover(last);
        }

        TargetCheck target = new TargetCheck(client, spec);
        List<CampaignField> fields = target.fields();
        PhoneNormalizer normalizer = new PhoneNormalizer(spec.phones());
        SuppressionList suppression = SuppressionList.load(spec.suppression(), normalizer, clock);
        suppression.warnings().forEach(w -> log.warn("{}: {}", spec.name(), w));
        LeadProcessor processor = LeadProcessor.create(spec, fields, suppression, clock);
        // A header-only file gives its header's columns; only a source that names none (a JDBC
        // query without rows) is checked on the campaign's side alone.
        SourcePeek source = peek(spec, params, watermarkFrom);
        List<String> problems = processor.checkUpFront(source.columns());
        if (!problems.isEmpty()) {
            throw new UserError(spec.name() + ": the spec does not fit the source or the campaign:\n  "
                    + String.join("\n  ", problems));
        }
        if (source.empty() && last == null && spec.target().newDataset()) {
            // A nightly query with nothing new: an empty dataset a night (LIVE, with go-live) helps no one.
            return RunOutcome.nothingToLoad("the source has no rows" + (watermarkFrom == null ? "" : " past " + watermarkFrom)
                            + ": nothing to load, and no dataset was created");
        }
        String reuse = last == null ? null : last.getJobParameters().getString(RunIdentity.DATASET);
        String dataset = target.dataset(reuse, sourceName(spec));
        target.warnings().forEach(w -> log.warn("{}: {}", spec.name(), w));

        JobParameters parameters = new JobParametersBuilder(identity)
                .addString(RunIdentity.DATASET, dataset, false).toJobParameters();
        LoadCounters counters = new LoadCounters();
        metrics.bind(counters);
        OptionalLong expected = expectedRows(spec);
        if (expected.isPresent() && !partition.whole()) {
            expected = OptionalLong.of(expected.getAsLong() / partition.count());
        }
        ProgressListener progress = new ProgressListener(counters, expected, terminal, Duration.ofSeconds(10));
        String sortKey = spec.source().jdbc() == null ? null : spec.source().jdbc().sortKey();
        Object from = watermarkFrom;
        Job job = jobFactory.create(spec,
                part -> PartitionedReader.of(SourceReaders.create(spec, params, from), part, sortKey),
                // each partition dedupes its own rows in memory; across partitions the ledger's claims do
                () -> LeadProcessor.create(spec, fields, suppression, clock),
                partition, client, dataset, counters, progress);
        JobExecution execution;
        try {
            execution = RepositoryConflicts.retrying("starting " + spec.name(), () -> jobOperator.start(job, parameters));
        } catch (Exception e) {
            throw new UserError("cannot start " + spec.name() + ": " + e.getMessage(), ExitCodes.INTERNAL_ERROR, e);
        }
        RunOutcome outcome = outcome(execution, null);
        if (execution.getStatus() == BatchStatus.COMPLETED && spec.target().goLive()) {
            if (outcome.count(LeadState.FAILED) == 0 && outcome.count(LeadState.PENDING) == 0) {
                target.goLive(dataset);
                log.info("dataset {} switched LIVE: the whole load landed", dataset);
            } else {
                log.warn("dataset {} stays on HOLD: {} leads failed", dataset, outcome.count(LeadState.FAILED));
            }
        }
        metrics.exitCode(outcome.exitCode());
        return outcome;
    }

    /**
     * A {@code target.sandbox} run's records lived in the sandbox of its own process, and ended with
     * it: leads it left pending can never be read back from a new one, so the restart could neither
     * settle them nor safely send them again. Say so rather than fail at the first of them.
     */
    private void refuseToResumeIntoAFreshSandbox(JobSpec spec, JobExecution last) {
        long pending = ledger.countsOfInstance(last.getJobInstanceId()).get(LeadState.PENDING);
        if (pending > 0) {
            throw new UserError(spec.name() + ": execution " + last.getId() + " left " + pending + " leads pending in"
                    + " the in-process sandbox (target.sandbox: true) of its own process, which ended with it: they"
                    + " cannot be read back, so the run cannot be resumed. Rehearse stops and restarts against a"
                    + " sandbox of its own (leadloader sandbox, docs/sandbox.md), or load the file again as a new run"
                    + " (--param)");
        }
    }

    /** Whether the execution, or a step of it, is still marked as running. */
    private static boolean leftRunning(JobExecution execution) {
        return execution.getStatus().isRunning()
                || execution.getStepExecutions().stream().anyMatch(step -> step.getStatus().isRunning());
    }

    /** The outcome of an execution, from the Batch status and the ledger's rows of its run. */
    public RunOutcome outcome(JobExecution execution, String note) {
        long instance = execution.getJobInstanceId();
        Map<LeadState, Long> counts = ledger.countsOfInstance(instance);
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        Double maxBad = execution.getJobParameters().getDouble(RunIdentity.MAX_BAD_PERCENT);
        double maxBadPercent = maxBad == null ? 100.0 : maxBad;
        BatchStatus status = execution.getStatus();
        // The summary says why in one sentence (cli.UserErrorLogFilter drops Spring Batch's stack
        // traces of a stopped load); the whole exception is here for LOGGING_LEVEL_COM_LEADLOADER=DEBUG.
        execution.getAllFailureExceptions().forEach(failure ->
                log.debug("execution {} ended {}", execution.getId(), status, failure));
        int exit;
        String message = note;
        UserError userError = userError(execution);
        if (status == BatchStatus.STOPPED || status == BatchStatus.STOPPING) {
            exit = ExitCodes.FAILED_RESTARTABLE;
            message = "run stopped on request (SIGTERM or Ctrl-C) after the chunk in flight: every lead sent so far is"
                    + " recorded\nnothing is lost: run the same command again to resume it";
        } else if (status != BatchStatus.COMPLETED && userError != null) {
            // The source itself is broken (a malformed quote, an unreadable workbook): running the
            // same command again would fail at the same place, so say what to fix instead.
            exit = userError.exitCode();
            message = userError.getMessage() + "\nthe run stopped there: " + counts.get(LeadState.CREATED)
                    + " leads before it were created (see leadloader report " + execution.getId()
                    + "); fix the source and run again";
        } else if (status != BatchStatus.COMPLETED) {
            exit = ExitCodes.FAILED_RESTARTABLE;
            String cause = execution.getAllFailureExceptions().stream().findFirst()
                    .map(LoadRunner::rootMessage).orElse(execution.getExitStatus().getExitDescription());
            message = "run " + status.name().toLowerCase() + (cause == null || cause.isBlank() ? "" : ": " + cause)
                    + "\nnothing is lost: run the same command again to resume it";
        } else if (counts.get(LeadState.FAILED) > 0) {
            exit = ExitCodes.LEADS_FAILED;
            message = counts.get(LeadState.FAILED) + " leads were not created after retries;"
                    + " send them again with: leadloader rerun-failed " + execution.getId();
        } else if (rows > 0 && counts.get(LeadState.BAD) * 100.0 / rows > maxBadPercent) {
            exit = ExitCodes.TOO_MANY_BAD;
            message = String.format("%,d of %,d leads are bad (%.1f%%), more than validation.max-bad-percent"
                            + " (%s%%); the good ones were loaded; see why with: leadloader report %d",
                    counts.get(LeadState.BAD), rows, counts.get(LeadState.BAD) * 100.0 / rows,
                    java.math.BigDecimal.valueOf(maxBadPercent).stripTrailingZeros().toPlainString(), execution.getId());
        } else {
            exit = ExitCodes.OK;
        }
        return new RunOutcome(execution.getId(), instance, status, rows, counts, exit, message);
    }

    /** The user's mistake that stopped the execution, if that is what stopped it. */
    private static UserError userError(JobExecution execution) {
        for (Throwable failure : execution.getAllFailureExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof UserError userError) {
                    return userError;
                }
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof com.leadloader.load.LoadStoppedException)) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** A watermarked run's starting point: the mark it reads past, and the execution that left it. */
    record Watermark(Object value, Long execution) {
        static final Watermark NONE = new Watermark(null, null);
    }

    /**
     * The high-water mark of the newest successful run of this job (and partition), and that run's
     * execution; {@link Watermark#NONE} for a first run. A run that read nothing leaves the mark it
     * started from (the reader saves it), so the next one reads past the same mark, as a run of its own.
     */
    private Watermark lastWatermark(String jobName, Partition partition) {
        List<JobInstance> instances = jobRepository.getJobInstances(jobName, 0, 1000);
        for (JobInstance instance : instances) {
            JobExecution execution = jobRepository.getLastJobExecution(instance);
            if (execution == null || execution.getStatus() != BatchStatus.COMPLETED) {
                continue;
            }
            // Each partition keeps its own high-water mark: its rows are its own from night to night.
            String ran = execution.getJobParameters().getString(RunIdentity.PARTITION);
            if (!partition.toString().equals(ran == null ? Partition.WHOLE.toString() : ran)) {
                continue;
            }
            for (StepExecution step : execution.getStepExecutions()) {
                Object mark = step.getExecutionContext().get(SourceReaders.READER_NAME + ".watermark.max");
                if (mark != null) {
                    return new Watermark(mark, execution.getId());
                }
            }
            // Saved by an earlier version only as text: typed again, so that it binds as what it is.
            String from = execution.getJobParameters().getString(RunIdentity.WATERMARK_FROM);
            // A first run that read nothing: the next reads every row again, but as a run of its own.
            return new Watermark(from == null ? null : JdbcLeadReader.typedWatermark(from), execution.getId());
        }
        return Watermark.NONE;
    }

    /** Whether a source has rows, and its columns: its first row's, or its header's when it has none. */
    private record SourcePeek(List<String> columns, boolean empty) {
    }

    private static SourcePeek peek(JobSpec spec, Map<String, String> params, Object watermarkFrom) {
        ItemStreamReader<SourceRow> reader = SourceReaders.create(spec, params, watermarkFrom);
        try {
            reader.open(new ExecutionContext());
            SourceRow first = reader.read();
            return first == null ? new SourcePeek(SourceReaders.headerColumns(reader), true)
                    : new SourcePeek(new ArrayList<>(first.values().keySet()), false);
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            throw new UserError(spec.name() + ": cannot read the source: " + e.getMessage());
        } finally {
            reader.close();
        }
    }

    static List<Path> sourceFiles(JobSpec spec) {
        if (spec.source().csv() != null) {
            return spec.source().csv().files();
        }
        if (spec.source().excel() != null) {
            return List.of(Path.of(spec.source().excel().path()));
        }
        return List.of();
    }

    private static String sourceName(JobSpec spec) {
        List<Path> files = sourceFiles(spec);
        return files.isEmpty() ? spec.name() : files.get(0).getFileName().toString();
    }

    /** Roughly how many rows the source has, when that is cheap to know (CSV: its line count). */
    private static OptionalLong expectedRows(JobSpec spec) {
        if (spec.source().csv() == null) {
            return OptionalLong.empty();
        }
        long lines = 0;
        for (Path file : spec.source().csv().files()) {
            try (var in = java.nio.file.Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            } catch (java.io.IOException e) {
                return OptionalLong.empty();
            }
            if (spec.source().csv().header()) {
                lines--;
            }
        }
        return OptionalLong.of(Math.max(0, lines));
    }
}
