package com.leadloader.batch;

import java.util.concurrent.ExecutorService;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** Stops the writer's request threads when the job ends, however it ends. */
final class ShutdownExecutorListener implements JobExecutionListener {

    private final ExecutorService executor;

    ShutdownExecutorListener(ExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        executor.shutdownNow();
    }
}
