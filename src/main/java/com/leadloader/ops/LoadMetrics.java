package com.leadloader.ops;

import com.leadloader.load.LoadCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * The run's meters (docs/operations.md lists them with their Prometheus names): lead counts by
 * outcome, rows read, retries, chunk duration and the run's exit code. The API request timer
 * lives with the sender ({@link com.leadloader.load.RequestTimer}). The counts are read from the
 * run's {@link LoadCounters}, so the progress line and the metrics never disagree.
 */
public final class LoadMetrics {

    /** Leads by what became of them in this run; tag {@code outcome}. */
    public static final String LEADS = "leadloader.leads";
    /** Source rows read by this run. */
    public static final String ROWS_READ = "leadloader.rows.read";
    /** Requests attempted again after a failure (not sent, or outcome unknown). */
    public static final String RETRIES = "leadloader.retries";
    /** Time to process and write one chunk (a commit). */
    public static final String CHUNK_DURATION = "leadloader.chunk.duration";
    /** The exit code of the run, set when it ends. */
    public static final String EXIT_CODE = "leadloader.run.exit.code";

    private final MeterRegistry registry;
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    /** Held here because function counters keep only a weak reference to what they read. */
    private volatile LoadCounters current;

    public LoadMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge(EXIT_CODE, Tags.empty(), exitCode);
    }

    /** Reports this run's counters from now on, in place of any earlier run's in this process. */
    public void bind(LoadCounters counters) {
        for (String name : List.of(LEADS, ROWS_READ, RETRIES)) {
            for (Meter meter : registry.find(name).meters()) {
                registry.remove(meter);
            }
        }
        exitCode.set(-1);
        current = counters;
        leads(counters, "created", c -> c.created);
        leads(counters, "bad", c -> c.bad);
        leads(counters, "duplicate", c -> c.duplicates);
        leads(counters, "suppressed", c -> c.suppressed);
        leads(counters, "failed", c -> c.failed);
        counter(ROWS_READ, "source rows read by this run", Tags.empty(), counters, c -> c.read);
        counter(RETRIES, "ContactNow requests retried after a failure", Tags.empty(), counters, c -> c.retries);
    }

    /** Records how the run ended. */
    public void exitCode(int code) {
        exitCode.set(code);
    }

    /** A chunk listener timing each chunk from its processing to its write. */
    public ChunkListener<Object, Object> chunkTimer() {
        Timer timer = Timer.builder(CHUNK_DURATION).description("time to process and write one chunk")
                .register(registry);
        return new ChunkListener<>() {
            private long started;

            @Override
            public void beforeChunk(Chunk<Object> chunk) {
                started = System.nanoTime();
            }

            @Override
            public void afterChunk(Chunk<Object> chunk) {
                timer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        };
    }

    private void leads(LoadCounters counters, String outcome, Function<LoadCounters, LongAdder> adder) {
        counter(LEADS, "leads by outcome in this run", Tags.of("outcome", outcome), counters, adder);
    }

    private void counter(String name, String description, Tags tags, LoadCounters counters,
                         Function<LoadCounters, LongAdder> adder) {
        FunctionCounter.builder(name, counters, c -> adder.apply(c).sum())
                .description(description).tags(tags).register(registry);
    }
}
