package com.leadloader.cli;

import com.leadloader.batch.LoadJobFactory;
import com.leadloader.batch.LoadRunner;
import com.leadloader.batch.RunIdentity;
import com.leadloader.batch.RunOutcome;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.ledger.RunLock;
import com.leadloader.load.LoadCounters;
import com.leadloader.ops.GracefulStop;
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
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leadloader rerun-failed}: sends again only the leads of a run that ended FAILED (retries
 * ran out), as a new execution of a job named {@code <job>-rerun} whose parameters name the
 * original execution. Each lead is reconciled by its marker before it is sent. Leads an earlier
 * execution left pending (a rerun killed or stopped half-way) are settled first, as a restarted run
 * settles its own: recorded if ContactNow has them, sent if not. SIGTERM and Ctrl-C stop it after
 * the request in flight, as they stop a run ({@link GracefulStop}). Named a rerun's execution (the id
 * {@code status} shows its failed leads under), it sends the failed leads of the run it belongs to.
 */
@Command(name = "rerun-failed", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Sends again only the leads of a run that failed after retries, as a new execution.")
public class RerunFailedCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RerunFailedCommand.class);
    static final String RERUN_OF = "rerun.of.execution";

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "EXECUTION",
            description = "the execution whose failed leads to send: one of the run, or a rerun of it")
    long executionId;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        GracefulStop.guardStartup(); // a signal before the rerun is armed says nothing was sent
        try (var context = SpringContext.start()) {
            // From here SIGTERM and Ctrl-C stop the rerun after the request in flight (or before its
            // first), as they stop a run: the command ends as usual, with the rerun recorded STOPPED.
            context.getBean(GracefulStop.class).arm();
            JobRepository repository = context.getBean(JobRepository.class);
            LedgerRepository ledger = context.getBean(LedgerRepository.class);
            JobExecution original = runOf(repository, Executions.existing(repository, executionId), out);
            try (RunLock lock = context.getBean(LoadRunner.class)
                    .lockRun(original.getJobInstance().getJobName(), original.getJobParameters())) {
                return rerun(context, repository, ledger, original, out);
            }
        } finally {
            GracefulStop.disarm();
        }
    }

    /**
     * The execution of the run whose failed leads to send. A rerun's failed leads are the run's: they
     * stay under its job instance, and a rerun of the run sends them with the rest, so a rerun's id
     * (the one {@code status} shows them under) stands for its run.
     */
    private JobExecution runOf(JobRepository repository, JobExecution named, PrintWriter out) {
        Long rerunOf = Executions.rerunOf(named);
        if (rerunOf == null) {
            return named;
        }
        JobExecution run = Executions.runOf(repository, named).orElseThrow(() -> new UserError("execution "
                + executionId + " is a rerun-failed of execution " + rerunOf + ", which the job repository no"
                + " longer holds: its failed leads cannot be sent again"));
        out.printf("execution %d is a rerun-failed of execution %d: sending the failed leads of that run%n",
                executionId, run.getId());
        return run;
    }

    private Integer rerun(ConfigurableApplicationContext context, JobRepository repository, LedgerRepository ledger,
                          JobExecution original, PrintWriter out) throws Exception {
        refuseWhileRunning(repository, original);
        recoverKilledReruns(repository, context.getBean(JobOperator.class), original);
        var counts = ledger.countsOfInstance(original.getJobInstanceId());
        long failed = counts.get(LeadState.FAILED);
        long pending = counts.get(LeadState.PENDING);
        if (failed == 0 && pending == 0) {
            out.println("execution " + original.getId() + " has no failed leads: nothing to send");
            return ExitCodes.OK;
        }
        String specPath = original.getJobParameters().getString(RunIdentity.SPEC_PATH);
        if (specPath == null || !Files.exists(Path.of(specPath))) {
            throw new UserError("the spec of execution " + original.getId() + " (" + specPath + ") is gone;"
                    + " rerun-failed needs it for the target's settings");
        }
        JobSpec spec = JobSpecLoader.load(Path.of(specPath));
        String dataset = original.getJobParameters().getString(RunIdentity.DATASET);
        try (var target = ContactNowTarget.open(spec, context.getEnvironment(), out)) {
            LoadCounters counters = new LoadCounters();
            Job job = context.getBean(LoadJobFactory.class).createRerun(original.getJobInstance().getJobName()
                    + "-rerun", original.getJobInstanceId(), spec, target.client(), dataset, counters);
            JobExecution rerun = context.getBean(JobOperator.class).start(job, new JobParametersBuilder()
                    .addLong(RERUN_OF, original.getId())
                    .addLong("rerun.failed.count", failed)
                    .addLong("rerun.at", System.currentTimeMillis())
                    .toJobParameters());
            if (rerun.getStatus() == BatchStatus.COMPLETED) {
                out.printf("rerun-failed: execution %d %s: %,d created, %,d bad, %,d still failed%n", rerun.getId(),
                        whatWasSent(original.getId(), failed, pending), counters.created.sum(), counters.bad.sum(),
                        counters.failed.sum());
                RunOutcome outcome = context.getBean(LoadRunner.class).outcome(original, null);
                return outcome.count(LeadState.FAILED) > 0 ? ExitCodes.LEADS_FAILED : ExitCodes.OK;
            }
            rerun.getAllFailureExceptions().forEach(failure ->
                    log.debug("execution {} ended {}", rerun.getId(), rerun.getStatus(), failure));
            long sent = rerun.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
            out.printf("rerun-failed: execution %d %s after sending %,d of the %,d failed leads of execution %d:"
                            + " %,d created, %,d bad, %,d failed again%n", rerun.getId(),
                    rerun.getStatus().name().toLowerCase(), sent, failed, original.getId(), counters.created.sum(),
                    counters.bad.sum(), counters.failed.sum());
            command.commandLine().getErr().println(whyItEnded(rerun, failed - sent));
            return ExitCodes.FAILED_RESTARTABLE;
        }
    }

    /** Why a rerun ended before it had sent every failed lead, and what to do. */
    private static String whyItEnded(JobExecution rerun, long notSent) {
        if (rerun.getStatus() == BatchStatus.STOPPED || rerun.getStatus() == BatchStatus.STOPPING) {
            // The request in flight finished: the leads not sent were never reopened, and stay FAILED.
            return String.format("rerun stopped on request (SIGTERM or Ctrl-C) after the request in flight: every lead"
                    + " sent so far is recorded, the %,d not sent are still failed%nnothing is lost: run the same"
                    + " command again to send the rest", notSent);
        }
        return "rerun " + rerun.getStatus().name().toLowerCase() + ": " + rerun.getAllFailureExceptions().stream()
                .findFirst().map(Throwable::getMessage).orElse("see the log")
                + String.format("%nrun the same command again to settle and send the other %,d", notSent);
    }

    private static String whatWasSent(long original, long failed, long pending) {
        String settled = String.format("settled %,d leads an earlier execution left pending", pending);
        if (failed == 0) {
            return settled + " (of execution " + original + ")";
        }
        String resent = String.format("resent %,d failed leads of execution %d", failed, original);
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
