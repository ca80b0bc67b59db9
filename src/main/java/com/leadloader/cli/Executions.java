package com.leadloader.cli;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;

/** Looks up the execution a user named on the command line. */
final class Executions {

    private Executions() {
    }

    /** The execution with this id; a configuration error naming it when there is none. */
    static JobExecution existing(JobRepository repository, long executionId) {
        JobExecution execution;
        try {
            execution = repository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            // Spring Batch 6's JDBC DAO throws instead of answering null for an unknown id.
            execution = null;
        }
        if (execution == null) {
            throw new UserError("no execution " + executionId + " in the job repository (see leadloader status)");
        }
        return execution;
    }
}
