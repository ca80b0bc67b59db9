package com.leadloader.cli;

import com.leadloader.batch.LoadJobFactory;
import com.leadloader.batch.LoadRunner;
import com.leadloader.batch.RunIdentity;
import com.leadloader.batch.RunOutcome;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.load.LoadCounters;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.JobSpecLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leadloader rerun-failed}: sends again only the leads of a run that ended FAILED (retries
 * ran out), as a new execution of a job named {@code <job>-rerun} whose parameters name the
 * original execution. Each lead is reconciled by its marker before it is sent.
 */
@Command(name = "rerun-failed", mixinStandardHelpOptions = true,
        description = "Sends again only the leads of a run that failed after retries, as a new execution.")
public class RerunFailedCommand implements Callable<Integer> {

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
            long failed = ledger.countsOfInstance(original.getJobInstanceId()).get(LeadState.FAILED);
            if (failed == 0) {
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
                        .addLong("rerun.of.execution", executionId)
                        .addLong("rerun.failed.count", failed)
                        .addLong("rerun.at", System.currentTimeMillis())
                        .toJobParameters());
                out.printf("rerun-failed: execution %d resent %,d failed leads of execution %d: %,d created,"
                                + " %,d bad, %,d still failed%n", rerun.getId(), failed, executionId,
                        counters.created.sum(), counters.bad.sum(), counters.failed.sum());
                RunOutcome outcome = context.getBean(LoadRunner.class).outcome(original, null);
                if (rerun.getStatus() != BatchStatus.COMPLETED) {
                    command.commandLine().getErr().println("rerun " + rerun.getStatus().name().toLowerCase()
                            + ": " + rerun.getAllFailureExceptions().stream().findFirst()
                            .map(Throwable::getMessage).orElse("see the log"));
                    return ExitCodes.FAILED_RESTARTABLE;
                }
                return outcome.count(LeadState.FAILED) > 0 ? ExitCodes.LEADS_FAILED : ExitCodes.OK;
            }
        }
    }
}
