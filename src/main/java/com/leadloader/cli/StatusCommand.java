package com.leadloader.cli;

import com.leadloader.batch.LoadRunner;
import com.leadloader.batch.RunOutcome;
import com.leadloader.ledger.LeadState;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leadloader status}: recent executions with their ledger counts. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Lists recent executions (all jobs, or one) with what became of their leads.")
public class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "a job name (the spec's name)")
    String job;

    @Option(names = "--limit", defaultValue = "20", description = "how many executions to list (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UserError("status: --limit must be 1 or more, not " + limit);
        }
        PrintWriter out = command.commandLine().getOut();
        try (var context = SpringContext.start()) {
            JobRepository repository = context.getBean(JobRepository.class);
            LoadRunner runner = context.getBean(LoadRunner.class);
            List<String> names = job == null ? repository.getJobNames() : List.of(job);
            if (job != null && repository.getJobInstances(job, 0, 1).isEmpty()) {
                throw new UserError("no runs of a job named '" + job + "' (jobs: "
                        + String.join(", ", repository.getJobNames()) + ")");
            }
            List<JobExecution> executions = new ArrayList<>();
            for (String name : names) {
                for (JobInstance instance : repository.getJobInstances(name, 0, limit)) {
                    executions.addAll(repository.getJobExecutions(instance));
                }
            }
            executions.sort(Comparator.comparing(JobExecution::getId).reversed());
            out.printf("%-9s %-28s %-10s %-19s %9s %9s %7s %7s %7s %7s%n", "execution", "job", "status", "started",
                    "rows", "created", "bad", "dupes", "supp", "failed");
            for (JobExecution execution : executions.subList(0, Math.min(limit, executions.size()))) {
                RunOutcome outcome = runner.outcome(execution, null);
                out.printf("%-9d %-28s %-10s %-19s %,9d %,9d %,7d %,7d %,7d %,7d%n", execution.getId(),
                        execution.getJobInstance().getJobName(), execution.getStatus(),
                        execution.getStartTime() == null ? "-" : TIME.format(execution.getStartTime()),
                        outcome.rowsRead(), outcome.count(LeadState.CREATED), outcome.count(LeadState.BAD),
                        outcome.count(LeadState.DUPLICATE), outcome.count(LeadState.SUPPRESSED),
                        outcome.count(LeadState.FAILED));
            }
            if (executions.isEmpty()) {
                out.println("no runs yet");
            }
            return ExitCodes.OK;
        }
    }
}
