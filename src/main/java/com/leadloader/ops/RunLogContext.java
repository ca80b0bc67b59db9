package com.leadloader.ops;

import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Puts the run's job name and execution id in the logging MDC, so that every log line of the run
 * carries them (as fields in JSON logs). The job name is set as soon as the spec is known
 * ({@link #job}); the execution id when the job starts. The writer's request threads get both
 * through {@link MdcPropagatingExecutor}.
 */
public final class RunLogContext implements JobExecutionListener {

    public static final String JOB = "job";
    public static final String EXECUTION = "execution";

    /** Tags the current thread's log lines with the job name until the returned scope closes. */
    public static MDC.MDCCloseable job(String jobName) {
        return MDC.putCloseable(JOB, jobName);
    }

    /** Removes both keys from the current thread. */
    public static void clear() {
        MDC.remove(JOB);
        MDC.remove(EXECUTION);
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        MDC.put(JOB, jobExecution.getJobInstance().getJobName());
        MDC.put(EXECUTION, Long.toString(jobExecution.getId()));
    }
}
