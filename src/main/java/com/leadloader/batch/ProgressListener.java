package com.leadloader.batch;

import com.leadloader.load.LoadCounters;
import java.io.PrintStream;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Shows a run's progress after each committed chunk: a one-line bar redrawn in place on an
 * interactive terminal, or a plain log line at most every {@code interval} otherwise (CronJob
 * logs). Rows read, created, bad, duplicates, suppressed, rate and, when the row count is known,
 * the ETA.
 */
final class ProgressListener implements ChunkListener<Object, Object>, StepExecutionListener,
        org.springframework.batch.core.listener.ItemReadListener<Object> {

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

    private final LoadCounters counters;
    private final OptionalLong expectedRows;
    private final PrintStream terminal;
    private final Duration interval;
    private long startNanos;
    private long lastReport;
    private volatile boolean started;

    /** @param terminal where to draw the bar, or null for log lines */
    ProgressListener(LoadCounters counters, OptionalLong expectedRows, PrintStream terminal, Duration interval) {
        this.counters = counters;
        this.expectedRows = expectedRows;
        this.terminal = terminal;
        this.interval = interval;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        // A partitioned step calls this for the manager and for every partition: start once.
        synchronized (this) {
            if (!started) {
                started = true;
                startNanos = System.nanoTime();
                lastReport = startNanos;
            }
        }
    }

    @Override
    public void afterRead(Object item) {
        // The rows themselves are counted in counters.read as they are read (the step's count lags a chunk).
        if (terminal != null) {
            maybeReport(200_000_000L);
        }
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        maybeReport(terminal != null ? 0 : interval.toNanos());
    }

    private synchronized void maybeReport(long everyNanos) {
        long now = System.nanoTime();
        if (now - lastReport >= everyNanos) {
            lastReport = now;
            report(now, false);
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStepName().equals(LoadJobFactory.STEP)) { // not after each partition
            synchronized (this) {
                report(System.nanoTime(), true);
            }
        }
        return stepExecution.getExitStatus();
    }

    private void report(long now, boolean last) {
        long read = counters.read.sum();
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = read / seconds;
        String eta = "";
        if (expectedRows.isPresent() && rate > 0 && !last) {
            long left = Math.max(0, expectedRows.getAsLong() - read);
            eta = String.format(" ETA %s", format(Duration.ofSeconds((long) (left / rate))));
        }
        String line = String.format("read %,d  created %,d  bad %,d  duplicates %,d  suppressed %,d  failed %,d  %,.0f rows/s%s",
                read, counters.created.sum(), counters.bad.sum(), counters.duplicates.sum(),
                counters.suppressed.sum(), counters.failed.sum(), rate, eta);
        if (terminal != null) {
            terminal.print("\r" + bar(read, last) + line + (last ? System.lineSeparator() : ""));
            terminal.flush();
        } else {
            log.info("progress: {}", line);
        }
    }

    private String bar(long read, boolean finished) {
        if (expectedRows.isEmpty() || expectedRows.getAsLong() == 0) {
            return "";
        }
        int width = 20;
        // The expected count is the file's line count, an estimate: the finished bar is always full.
        int done = finished ? width : (int) Math.min(width, read * width / expectedRows.getAsLong());
        return "[" + "#".repeat(done) + " ".repeat(width - done) + "] ";
    }

    private static String format(Duration d) {
        return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}
