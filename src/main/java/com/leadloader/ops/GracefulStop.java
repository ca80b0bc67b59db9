package com.leadloader.ops;

import com.leadloader.cli.ExitCodes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Stops a load cleanly when the process is asked to terminate (SIGTERM from a pod eviction or
 * {@code kubectl delete}, SIGINT from Ctrl-C): the job stops after the chunk in flight and is
 * recorded STOPPED, so the same command run again resumes it. While armed, leadloader handles
 * those signals itself instead of letting the JVM begin its shutdown: the handler asks the
 * {@link JobOperator} to stop the running execution, and the command then finishes as usual (job
 * stopped, summary written, metrics pushed, context closed) and ends the JVM with its exit code.
 * Only then do shutdown hooks run, among them the embedded H2 database's own, which would
 * otherwise close the job repository before the stop could be recorded. The wait is bounded by
 * {@code grace}; a second signal ends the process at once (the next run recovers it, as after a
 * SIGKILL). Armed by the {@code run} and {@code rerun-failed} commands while they run, and disarmed
 * when they return, so that a JVM that runs a command in-process (a test, an embedding program)
 * keeps its own handling.
 */
public final class GracefulStop implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    /** The command's exit code, handed over by {@code main} once the command has finished. */
    private static final CompletableFuture<Integer> EXIT_CODE = new CompletableFuture<>();
    /** The handlers the JVM had before {@link #guardStartup} or {@link #arm}, by signal; empty when neither. */
    private static final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private static GracefulStop armed;

    private final JobOperator jobOperator;
    private final Duration grace;
    private volatile JobExecution running;
    private final AtomicBoolean terminating = new AtomicBoolean();

    public GracefulStop(JobOperator jobOperator, Duration grace) {
        this.jobOperator = jobOperator;
        this.grace = grace;
    }

    /**
     * Until {@link #arm}: SIGTERM or SIGINT while the command starts (Spring context, Flyway, the
     * ContactNow checks) ends the process with one sentence on stderr saying that nothing was sent,
     * and exit code 4 (run the same command again), instead of the JVM's silent 143 or 130. Nothing
     * is sent before the handlers are armed. Called by {@code run} and {@code rerun-failed} first
     * thing; {@link #disarm} gives the signals back.
     */
    public static void guardStartup() {
        synchronized (GracefulStop.class) {
            if (armed == null && previous.isEmpty()) {
                handleWith(GracefulStop::onStartupSignal);
            }
        }
    }

    /** From now on SIGTERM and SIGINT stop the load gracefully. */
    public void arm() {
        synchronized (GracefulStop.class) {
            if (armed != null) {
                return;
            }
            handleWith(this::onSignal);
            armed = this;
        }
    }

    /** Handles the signals with {@code handler}, keeping the JVM's own handlers the first time. */
    private static void handleWith(SignalHandler handler) {
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler before = Signal.handle(signal, handler);
                previous.putIfAbsent(signal, before);
            } catch (IllegalArgumentException notOnThisPlatform) {
                log.debug("SIG{} cannot be handled here: {}", name, notOnThisPlatform.getMessage());
            }
        }
    }

    private static void onStartupSignal(Signal signal) {
        if (EXIT_CODE.isDone()) {
            return; // the command has finished and main is ending the JVM with its code
        }
        System.err.println("leadloader: SIG" + signal.getName() + " while starting: stopped before anything was"
                + " sent; run the same command again");
        System.err.flush();
        System.exit(ExitCodes.FAILED_RESTARTABLE);
    }

    /** Gives the signals back to the JVM's own handling, once the command that guarded or armed them has returned. */
    public static void disarm() {
        synchronized (GracefulStop.class) {
            previous.forEach(Signal::handle);
            previous.clear();
            armed = null;
        }
    }

    /** Whether a {@code run} has armed the handlers now: for tests. */
    static boolean isArmed() {
        synchronized (GracefulStop.class) {
            return armed != null;
        }
    }

    /**
     * Ends the process with the command's exit code. Called by {@code main} instead of
     * {@link System#exit}: a signal handler waiting for the command learns that it has finished.
     */
    public static void exit(int code) {
        EXIT_CODE.complete(code);
        disarm();
        System.exit(code);
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        running = jobExecution;
        if (terminating.get()) {
            // Asked to stop before the job began: it stops before its first chunk.
            requestStop(jobExecution);
        }
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        running = null;
    }

    /** Runs on a thread of the signal's own, which may wait: the JVM is not shutting down meanwhile. */
    void onSignal(Signal signal) {
        if (EXIT_CODE.isDone()) {
            return; // the command has finished and main is ending the JVM with its code
        }
        if (!terminating.compareAndSet(false, true)) {
            log.warn("SIG{} again: exiting now; the same command run again recovers the execution"
                    + " and settles the leads it leaves pending", signal.getName());
            halt(ExitCodes.FAILED_RESTARTABLE);
            return;
        }
        JobExecution execution = running;
        if (execution != null) {
            new RunLogContext().beforeJob(execution); // this thread's lines carry the run too
            log.warn("termination requested (SIG{}): execution {} of {} stops after the chunk in flight"
                            + " (waiting up to {}s); run the same command again to resume it", signal.getName(),
                    execution.getId(), execution.getJobInstance().getJobName(), grace.toSeconds());
            requestStop(execution);
        } else {
            log.warn("termination requested (SIG{}): finishing the command before exiting (waiting up to {}s)",
                    signal.getName(), grace.toSeconds());
        }
        if (!awaitExitCode(execution)) {
            halt(ExitCodes.FAILED_RESTARTABLE);
        }
    }

    /** Ends the JVM now, without the shutdown hooks a stuck load would race. */
    private static void halt(int code) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    /** Whether the command finished within the grace (then {@code main} ends the JVM with its code). */
    private boolean awaitExitCode(JobExecution execution) {
        try {
            EXIT_CODE.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.error("the load did not stop within {}s; exiting anyway: execution {} is recovered and resumed"
                    + " by the same command run again", grace.toSeconds(), execution == null ? "-" : execution.getId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.error("the command failed while stopping: {}", e.getCause().toString());
        }
        return false;
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
