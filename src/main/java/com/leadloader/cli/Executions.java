package com.leadloader.cli;

import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * Looks up the execution a user named on the command line, and the run it belongs to: a
 * {@code rerun-failed} execution (job {@code <name>-rerun}) is a job instance of its own, but the
 * ledger rows it touches stay under the job instance of the run whose leads it resent.
 */
final class Executions {

    private Executions() {
    }

    /** The execution with this id; a configuration error naming it when there is none. */
    static JobExecution existing(JobRepository repository, long executionId) {
        return find(repository, executionId).orElseThrow(() -> new UserError("no execution " + executionId
                + " in the job repository (see leadloader status)"));
    }

    /** The execution a {@code rerun-failed} execution resent the failed leads of; null for any other execution. */
    static Long rerunOf(JobExecution execution) {
        return execution.getJobParameters().getLong(RerunFailedCommand.RERUN_OF);
    }

    /**
     * The execution of the run whose ledger rows this execution touched: the execution itself, or
     * for a rerun the execution it resent the failed leads of. Empty when the job repository no
     * longer holds that one.
     */
    static Optional<JobExecution> runOf(JobRepository repository, JobExecution execution) {
        Long original = rerunOf(execution);
        return original == null ? Optional.of(execution) : find(repository, original);
    }

    /** The execution with this id, if the job repository still has it. */
    static Optional<JobExecution> find(JobRepository repository, long executionId) {
        try {
            return Optional.ofNullable(repository.getJobExecution(executionId));
        } catch (EmptyResultDataAccessException e) {
            // Spring Batch 6's JDBC DAO throws instead of answering null for an unknown id.
            return Optional.empty();
        }
    }
}
