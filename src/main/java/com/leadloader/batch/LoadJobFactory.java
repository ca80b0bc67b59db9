package com.leadloader.batch;

import com.leadloader.contactnow.ContactNowClient;
import com.leadloader.lead.Lead;
import com.leadloader.lead.LeadProcessor;
import com.leadloader.lead.PriorLoadFilter;
import com.leadloader.lead.ProcessAhead;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.load.ChunkSender;
import com.leadloader.load.ClaimedReader;
import com.leadloader.load.LeadWriter;
import com.leadloader.load.LoadCounters;
import com.leadloader.load.LoadSettings;
import com.leadloader.load.RequestRateLimiter;
import com.leadloader.load.RequestTimer;
import com.leadloader.ops.GracefulStop;
import com.leadloader.ops.LoadMetrics;
import com.leadloader.ops.MdcPropagatingExecutor;
import com.leadloader.ops.RunLogContext;
import com.leadloader.source.SourceRow;
import com.leadloader.spec.DedupeSpec;
import com.leadloader.spec.JobSpec;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the load job for a spec: one chunk-oriented step that reads source rows, turns them
 * into leads and writes them through the ledger to ContactNow. A commit covers
 * {@code chunk-size x in-flight} rows, so the writer can keep {@code in-flight} requests going
 * while Spring Batch still commits each batch of rows once.
 */
public final class LoadJobFactory {

    public static final String STEP = "load";

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final LedgerRepository ledger;
    private final Clock clock;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final RequestTimer requestTimer;
    private final LoadMetrics metrics;
    private final GracefulStop gracefulStop;
    private final ObservationRegistry observations;

    public LoadJobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          LedgerRepository ledger, Clock clock, Duration firstBackoff, Duration maxBackoff,
                          RequestTimer requestTimer, LoadMetrics metrics, GracefulStop gracefulStop,
                          ObservationRegistry observations) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.ledger = ledger;
        this.clock = clock;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.requestTimer = requestTimer;
        this.metrics = metrics;
        this.gracefulStop = gracefulStop;
        this.observations = observations;
    }

    /** The job for one run of the spec, loading what {@code reader} yields into {@code dataset}. */
    public Job create(JobSpec spec, ItemStreamReader<SourceRow> reader, LeadProcessor processor,
                      ContactNowClient client, String dataset, LoadCounters counters, ProgressListener progress) {
        return create(spec, partition -> reader, () -> processor, Partition.WHOLE, client, dataset, counters, progress);
    }

    /**
     * The job for this process's share of a run. With {@code load.partitions: N} the step is a
     * partitioned step: N workers side by side in this process, each reading its own partition
     * of the share (from {@code readers}), with its own processor, writer and {@code in-flight}
     * requests, and each restartable on its own. The request rate cap is the share's, for all.
     */
    public Job create(JobSpec spec, Function<Partition, ItemStreamReader<SourceRow>> readers,
                      Supplier<LeadProcessor> processors, Partition share, ContactNowClient client, String dataset,
                      LoadCounters counters, ProgressListener progress) {
        LoadSettings settings = new LoadSettings(dataset, spec.load().markerField(), spec.load().chunkSize(),
                spec.load().inFlight(), spec.load().maxAttempts(), firstBackoff, maxBackoff);
        RequestRateLimiter rateLimiter = new RequestRateLimiter(share.requestsPerSecond(spec.load().requestsPerSecond()));
        int local = spec.load().partitions();
        // in-flight bounds the requests on the wire (per partition), not the threads preparing them.
        ChunkSender sender = new ChunkSender(client.withInFlightLimit(spec.load().inFlight() * local), ledger, settings,
                rateLimiter, counters, requestTimer);
        PriorLoadFilter priorLoads = PriorLoadFilter.create(spec, ledger, clock);
        if (local == 1) {
            ExecutorService requests = requestThreads(spec, "contactnow-request");
            Step step = chunkStep(STEP, spec, readers.apply(share), processors.get(), sender, priorLoads, settings,
                    requests, counters, dataset, progress);
            return new JobBuilder(spec.name(), jobRepository)
                    .observationRegistry(observations)
                    .start(step)
                    .listener(new RunLogContext())
                    .listener(gracefulStop)
                    .listener(new PendingSweep(ledger, sender))
                    .listener(new ShutdownExecutorListener(requests))
                    .build();
        }
        Step worker = new PartitionWorkerStep(STEP + "-partition", index -> {
            Partition partition = new Partition(share.index() * local + index, share.count() * local);
            ExecutorService requests = requestThreads(spec, "contactnow-request-p" + index);
            Step step = chunkStep(STEP + "-partition", spec, readers.apply(partition), processors.get(), sender,
                    priorLoads, settings, requests, counters, dataset, progress);
            return new PartitionWorkerStep.Built(step, requests);
        });
        SimpleAsyncTaskExecutor partitionThreads = new SimpleAsyncTaskExecutor("partition-");
        partitionThreads.setConcurrencyLimit(local);
        partitionThreads.setTaskDecorator(MdcPropagatingExecutor::wrap);
        Step manager = new StepBuilder(STEP, jobRepository)
                .partitioner(worker.getName(), PartitionWorkerStep::contexts)
                .step(worker)
                .gridSize(local)
                .taskExecutor(partitionThreads)
                .listener(progress)
                .build();
        return new JobBuilder(spec.name(), jobRepository)
                .observationRegistry(observations)
                .start(manager)
                .listener(new RunLogContext())
                .listener(gracefulStop)
                .listener(new PendingSweep(ledger, sender))
                .build();
    }

    private Step chunkStep(String name, JobSpec spec, ItemStreamReader<SourceRow> reader, LeadProcessor processor,
                           ChunkSender sender, PriorLoadFilter priorLoads, LoadSettings settings,
                           ExecutorService requests, LoadCounters counters, String dataset, ProgressListener progress) {
        LeadWriter writer = new LeadWriter(ledger, sender, settings, priorLoads::filter,
                () -> since(spec.dedupe(), clock), requests, counters, scopeKey(spec, dataset));
        // The writer claims a chunk while the next is read: commits save the position of the claimed rows.
        ClaimedReader<SourceRow> claimedReader = new ClaimedReader<>(reader, writer);
        // Each chunk's leads are prepared on a thread of their own while the step reads the chunk.
        ProcessAhead ahead = new ProcessAhead(claimedReader, processor);
        return new StepBuilder(name, jobRepository)
                .observationRegistry(observations) // Spring Batch's own spring.batch.* meters
                .<SourceRow, Lead>chunk(spec.load().chunkSize() * spec.load().inFlight())
                .reader(ahead)
                .processor(ahead.processor())
                .writer(writer)
                .transactionManager(transactionManager)
                .listener(writer)
                .listener(claimedReader)
                .listener(progress)
                .listener(readCounter(counters))
                .listener(metrics.chunkTimer())
                .build();
    }

    /**
     * Twice {@code in-flight} threads: the client lets {@code in-flight} of them have a request on
     * the wire while the others write the next payload, parse an answer or record it in the ledger,
     * so that this work does not keep a request slot idle.
     */
    private static ExecutorService requestThreads(JobSpec spec, String name) {
        return new MdcPropagatingExecutor(Executors.newFixedThreadPool(2 * spec.load().inFlight(), r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        }));
    }

    /**
     * The job for rerun-failed: sends a run's FAILED leads again, reconciling each request by marker
     * first, and stops between two requests when the process is asked to terminate.
     */
    public Job createRerun(String jobName, long originalInstance, JobSpec spec, ContactNowClient client,
                           String dataset, LoadCounters counters) {
        LoadSettings settings = new LoadSettings(dataset, spec.load().markerField(), spec.load().chunkSize(),
                spec.load().inFlight(), spec.load().maxAttempts(), firstBackoff, maxBackoff);
        ChunkSender sender = new ChunkSender(client, ledger, settings,
                new RequestRateLimiter(spec.load().requestsPerSecond()), counters, requestTimer);
        Step step = new StepBuilder("rerun-failed", jobRepository)
                .tasklet(new RerunFailedTasklet(ledger, sender, originalInstance), transactionManager)
                .build();
        return new JobBuilder(jobName, jobRepository).start(step).listener(new RunLogContext())
                .listener(gracefulStop).build();
    }

    /** Counts the rows the reader hands over, for the progress line and the metrics. */
    private static ItemReadListener<SourceRow> readCounter(LoadCounters counters) {
        return new ItemReadListener<>() {
            @Override
            public void afterRead(SourceRow row) {
                counters.read.increment();
            }
        };
    }

    /** The dedupe scope key the ledger claims keys in. */
    static String scopeKey(JobSpec spec, String dataset) {
        return switch (spec.dedupe().scope()) {
            case RUN -> "run:";
            case DATASET -> "dataset:" + dataset;
            // the same key the prior-load filter looks up
            case TABLE -> PriorLoadFilter.scopeKey(spec.dedupe(), spec.target());
        };
    }

    static Instant since(DedupeSpec dedupe, Clock clock) {
        return dedupe.withinDays() == null ? null : clock.instant().minus(Duration.ofDays(dedupe.withinDays()));
    }
}
