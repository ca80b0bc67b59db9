package com.leadloader.ops;

import com.leadloader.cli.ExitCodes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Stops a load cleanly when the process is asked to terminate (SIGTERM from a pod eviction or
 * {@code kubectl delete}): the job stops after the chunk in flight and is recorded STOPPED, so the
 * next run of the same spec resumes it. A JVM shutdown hook asks the {@link JobOperator} to stop
 * the running execution, then waits, at most {@code grace}, for the command to finish (job
 * stopped, summary written, metrics pushed, context closed) and ends the JVM with the command's
 * exit code. Armed by the {@code run} command while it runs, and disarmed when it returns, so that
 * a JVM that runs the command in-process (a test, an embedding program) and ends later does not
 * wait out the grace in its own shutdown.
 */
public final class GracefulStop implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    /** The command's exit code, handed over by {@code main} once the command has finished. */
    private static final CompletableFuture<Integer> EXIT_CODE = new CompletableFuture<>();
    private static volatile Thread hook;

    private final JobOperator jobOperator;
    private final Duration grace;
    private volatile JobExecution running;
    private volatile boolean terminating;

    public GracefulStop(JobOperator jobOperator, Duration grace) {
        this.jobOperator = jobOperator;
        this.grace = grace;
    }

    /** Installs the shutdown hook for this process; from now on SIGTERM stops the load gracefully. */
    public void arm() {
        synchronized (GracefulStop.class) {
            if (hook == null) {
                Thread thread = new Thread(this::onTerminate, "leadloader-graceful-stop");
                Runtime.getRuntime().addShutdownHook(thread);
                hook = thread;
            }
        }
    }

    /**
     * Removes the hook, once the command that armed it has returned. If a termination is already
     * under way the hook stays: it is waiting for the exit code that {@link #exit} hands it.
     */
    public static synchronized void disarm() {
        Thread armed = hook;
        if (armed != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(armed);
                hook = null;
            } catch (IllegalStateException terminationUnderWay) {
                // The hook is running and ends the JVM with the code exit() gives it.
            }
        }
    }

    /** The hook installed now, or null: for tests. */
    static Thread armedHook() {
        return hook;
    }

    /**
     * Ends the process with the command's exit code. Called by {@code main} instead of
     * {@link System#exit}: if a termination is under way, its hook is waiting for this code.
     */
    public static void exit(int code) {
        EXIT_CODE.complete(code);
        disarm(); // a hook already running ends the JVM with this code; System.exit below blocks until then
        System.exit(code);
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        running = jobExecution;
        if (terminating) {
            // Asked to stop before the job began: it stops before its first chunk.
            requestStop(jobExecution);
        }
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        running = null;
    }

    private void onTerminate() {
        terminating = true;
        int code;
        if (EXIT_CODE.isDone()) {
            code = EXIT_CODE.join();
        } else {
            JobExecution execution = running;
            if (execution != null) {
                new RunLogContext().beforeJob(execution); // this thread's lines carry the run too
                log.warn("termination requested: execution {} of {} stops after the chunk in flight"
                                + " (waiting up to {}s); run the same command again to resume it",
                        execution.getId(), execution.getJobInstance().getJobName(), grace.toSeconds());
                requestStop(execution);
            } else {
                log.warn("termination requested: finishing the command before exiting (waiting up to {}s)",
                        grace.toSeconds());
            }
            code = awaitExitCode(execution);
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    private int awaitExitCode(JobExecution execution) {
        try {
            return EXIT_CODE.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.error("the load did not stop within {}s; exiting anyway: execution {} is recovered and resumed"
                    + " by the next run of the same spec", grace.toSeconds(), execution == null ? "-" : execution.getId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.error("the command failed while stopping: {}", e.getCause().toString());
        }
        return ExitCodes.FAILED_RESTARTABLE;
    }

    private void requestStop(JobExecution execution) {
        try {
            jobOperator.stop(execution);
        } catch (JobExecutionNotRunningException e) {
            log.info("execution {} already finished", execution.getId());
        } catch (RuntimeException e) {
            log.error("cannot ask execution {} to stop: {}", execution.getId(), e.toString());
        }
    }
}
