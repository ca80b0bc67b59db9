package com.leadloader.cli;

import com.leadloader.batch.LoadJobFactory;
import com.leadloader.batch.LoadRunner;
import com.leadloader.batch.RunIdentity;
import com.leadloader.batch.RunOutcome;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.ledger.RunLock;
import com.leadloader.load.LoadCounters;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.JobSpecLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leadloader rerun-failed}: sends again only the leads of a run that ended FAILED (retries
 * ran out), as a new execution of a job named {@code <job>-rerun} whose parameters name the
 * original execution. Each lead is reconciled by its marker before it is sent. Leads an earlier
 * execution left pending (a rerun killed or stopped half-way) are settled first, as a restarted run
 * settles its own: recorded if ContactNow has them, sent if not.
 */
@Command(name = "rerun-failed", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Sends again only the leads of a run that failed after retries, as a new execution.")
public class RerunFailedCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RerunFailedCommand.class);
    static final String RERUN_OF = "rerun.of.execution";

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "EXECUTION", description = "the execution whose failed leads to send")
    long executionId;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        try (var context = SpringContext.start()) {
            JobRepository repository = context.getBean(JobRepository.class);
            LedgerRepository ledger = context.getBean(LedgerRepository.class);
            JobExecution original = Executions.existing(repository, executionId);
            try (RunLock lock = context.getBean(LoadRunner.class)
                    .lockRun(original.getJobInstance().getJobName(), original.getJobParameters())) {
                return rerun(context, repository, ledger, original, out);
            }
        }
    }

    private Integer rerun(ConfigurableApplicationContext context, JobRepository repository, LedgerRepository ledger,
                          JobExecution original, PrintWriter out) throws Exception {
        refuseWhileRunning(repository, original);
        recoverKilledReruns(repository, context.getBean(JobOperator.class), original);
        var counts = ledger.countsOfInstance(original.getJobInstanceId());
        long failed = counts.get(LeadState.FAILED);
        long pending = counts.get(LeadState.PENDING);
        if (failed == 0 && pending == 0) {
            out.println("execution " + executionId + " has no failed leads: nothing to send");
            return ExitCodes.OK;
        }
        String specPath = original.getJobParameters().getString(RunIdentity.SPEC_PATH);
        if (specPath == null || !Files.exists(Path.of(specPath))) {
            throw new UserError("the spec of execution " + executionId + " (" + specPath + ") is gone;"
                    + " rerun-failed needs it for the target's settings");
        }
        JobSpec spec = JobSpecLoader.load(Path.of(specPath));
        String dataset = original.getJobParameters().getString(RunIdentity.DATASET);
        try (var target = ContactNowTarget.open(spec, context.getEnvironment(), out)) {
            LoadCounters counters = new LoadCounters();
            Job job = context.getBean(LoadJobFactory.class).createRerun(original.getJobInstance().getJobName()
                    + "-rerun", original.getJobInstanceId(), spec, target.client(), dataset, counters);
            JobExecution rerun = context.getBean(JobOperator.class).start(job, new JobParametersBuilder()
                    .addLong(RERUN_OF, executionId)
                    .addLong("rerun.failed.count", failed)
                    .addLong("rerun.at", System.currentTimeMillis())
                    .toJobParameters());
            out.printf("rerun-failed: execution %d %s: %,d created, %,d bad, %,d still failed%n", rerun.getId(),
                    whatWasSent(failed, pending), counters.created.sum(), counters.bad.sum(), counters.failed.sum());
            RunOutcome outcome = context.getBean(LoadRunner.class).outcome(original, null);
            if (rerun.getStatus() != BatchStatus.COMPLETED) {
                rerun.getAllFailureExceptions().forEach(failure ->
                        log.debug("execution {} ended {}", rerun.getId(), rerun.getStatus(), failure));
                command.commandLine().getErr().println("rerun " + rerun.getStatus().name().toLowerCase()
                        + ": " + rerun.getAllFailureExceptions().stream().findFirst()
                        .map(Throwable::getMessage).orElse("see the log"));
                return ExitCodes.FAILED_RESTARTABLE;
            }
            return outcome.count(LeadState.FAILED) > 0 ? ExitCodes.LEADS_FAILED : ExitCodes.OK;
        }
    }

    private String whatWasSent(long failed, long pending) {
        String settled = String.format("settled %,d leads an earlier execution left pending", pending);
        if (failed == 0) {
            return settled + " (of execution " + executionId + ")";
        }
        String resent = String.format("resent %,d failed leads of execution %d", failed, executionId);
        return pending == 0 ? resent : resent + " and " + settled;
    }

    /**
     * A run still going (or killed and not yet restarted) may have requests in flight for leads
     * this command would settle: sending them again could create them twice.
     */
    private static void refuseWhileRunning(JobRepository repository, JobExecution original) {
        JobExecution latest = repository.getLastJobExecution(original.getJobInstance());
        if (latest != null && latest.getStatus().isRunning()) {
            throw new UserError("execution " + latest.getId() + " of " + original.getJobInstance().getJobName()
                    + " is still marked " + latest.getStatus() + ": wait for it to end or, if its process is gone,"
                    + " run its spec again to resume it; rerun-failed sends the failed leads of a run that has ended");
        }
    }

    private static boolean sameInstance(JobRepository repository, long executionId, JobExecution original) {
        return Executions.find(repository, executionId)
                .filter(execution -> execution.getJobInstanceId() == original.getJobInstanceId()).isPresent();
    }

    /**
     * Marks FAILED the reruns of this run that a killed process left marked as running, as
     * {@code run} recovers a killed execution of its own; their leads are pending and settled now.
     * No other process runs or reruns this run meanwhile: this one holds the run's lock.
     */
    private static void recoverKilledReruns(JobRepository repository, JobOperator operator, JobExecution original) {
        String rerunJob = original.getJobInstance().getJobName() + "-rerun";
        for (JobExecution stale : repository.findRunningJobExecutions(rerunJob)) {
            Long of = stale.getJobParameters().getLong(RERUN_OF);
            if (of != null && sameInstance(repository, of, original)) {
                log.warn("execution {} of {} was left {} by a process that stopped; recovering it",
                        stale.getId(), rerunJob, stale.getStatus());
                try {
                    operator.recover(stale);
                } catch (RuntimeException e) {
                    throw new UserError("cannot recover execution " + stale.getId() + " of " + rerunJob + ": "
                            + e.getMessage(), ExitCodes.INTERNAL_ERROR, e);
                }
            }
        }
    }
}
