package com.leadloader.cli;

import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leadloader status}: recent executions, each with the ledger rows it last touched, so
 * that the executions of a restarted run, and its reruns, add up to the run's totals.
 */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
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
        // Printed once it is all read: a second try (the embedded database closed under the first) prints it once.
        String listing = EmbeddedDatabaseGone.retryingOnce(this::listing);
        command.commandLine().getOut().print(listing);
        command.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private String listing() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        try (var context = SpringContext.startReading()) {
            JobRepository repository = context.getBean(JobRepository.class);
            LedgerRepository ledger = context.getBean(LedgerRepository.class);
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
            Map<Long, Map<Long, Map<LeadState, Long>>> byInstance = new HashMap<>();
            for (JobExecution execution : executions.subList(0, Math.min(limit, executions.size()))) {
                Map<LeadState, Long> counts = byInstance
                        .computeIfAbsent(ledgerInstance(repository, execution), ledger::countsByExecution)
                        .getOrDefault(execution.getId(), Map.of());
                long rows = counts.values().stream().mapToLong(Long::longValue).sum();
                out.printf("%-9d %-28s %-10s %-19s %,9d %,9d %,7d %,7d %,7d %,7d%n", execution.getId(),
                        execution.getJobInstance().getJobName(), execution.getStatus(),
                        execution.getStartTime() == null ? "-" : TIME.format(execution.getStartTime()),
                        rows, count(counts, LeadState.CREATED), count(counts, LeadState.BAD),
                        count(counts, LeadState.DUPLICATE), count(counts, LeadState.SUPPRESSED),
                        count(counts, LeadState.FAILED));
            }
            if (executions.isEmpty()) {
                out.println("no runs yet");
            }
        }
        out.flush();
        return text.toString();
    }

    /**
     * The job instance the execution's ledger rows are under: its own, except for a
     * {@code rerun-failed} execution, whose rows stay under the run it resent the leads of.
     */
    private static long ledgerInstance(JobRepository repository, JobExecution execution) {
        return Executions.runOf(repository, execution).map(JobExecution::getJobInstanceId)
                .orElse(execution.getJobInstanceId());
    }

    private static long count(Map<LeadState, Long> counts, LeadState state) {
        return counts.getOrDefault(state, 0L);
    }
}
