package com.leadloader.cli;

import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;

/** Looks up the execution a user named on the command line. */
final class Executions {

    private Executions() {
    }

    /** The execution with this id; a configuration error naming it when there is none. */
    static JobExecution existing(JobRepository repository, long executionId) {
        return find(repository, executionId).orElseThrow(() -> new UserError("no execution " + executionId
                + " in the job repository (see leadloader status)"));
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
