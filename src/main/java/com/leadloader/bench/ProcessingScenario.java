package com.leadloader.bench;

import com.leadloader.contactnow.CampaignField;
import com.leadloader.contactnow.ContactNowClient;
import com.leadloader.contactnow.ContactNowProperties;
import com.leadloader.generate.LeadGenerator.Format;
import com.leadloader.generate.LeadGenerator.Summary;
import com.leadloader.lead.Lead;
import com.leadloader.lead.LeadProcessor;
import com.leadloader.lead.LeadStatus;
import com.leadloader.lead.PhoneNormalizer;
import com.leadloader.lead.ProcessAhead;
import com.leadloader.lead.SuppressionList;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.source.SourceReaders;
import com.leadloader.source.SourceRow;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.JobSpecLoader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Scenario 1: read, map, normalise, validate, suppress and dedupe a generated CSV in this process,
 * nothing sent, against the limit of a bare Commons CSV parse of the same file in the same run
 * (the fastest of {@link #PASSES} parses, one before processing and the rest after, so the limit
 * is not flattered by a cold JIT). Processing is measured the same way: the fastest of
 * {@link #PASSES} whole passes, each with a processor of its own, since on two cores the JIT
 * compiler is still at work through most of the first (every pass's rate is reported). It runs
 * as in a load's step: reading and the in-run dedupe on this thread, the rest of each
 * chunk's processing on the processing thread beside it ({@link ProcessAhead}).
 */
final class ProcessingScenario implements Scenario {

    static final double TARGET = 0.5;
    static final int PASSES = 3;

    @Override
    public String name() {
        return "processing";
    }

    @Override
    public boolean needsDatabase() {
        return false;
    }

    @Override
    public boolean startsChildJvms() {
        return false;
    }

    @Override
    public List<ScenarioResult> run(BenchRun run) throws Exception {
        run.say("processing: generating %,d rows", run.rows());
        Summary leads = run.files().leads(run.rows(), Format.CSV, BenchFiles.MIXED);
        JobSpec spec = JobSpecLoader.load(run.files().spec("bench-processing", leads, true, "run", 200, 4));
        List<CampaignField> fields = willtestFields();

        run.say("processing: a bare parse, %d processing passes, %d bare parses", PASSES, PASSES - 1);
        double bareBefore = bareParseSeconds(leads.leads());
        Clock clock = Clock.systemUTC();
        SuppressionList suppression = SuppressionList.load(spec.suppression(), new PhoneNormalizer(spec.phones()), clock);
        double seconds = Double.MAX_VALUE;
        List<String> rates = new ArrayList<>();
        Map<LeadStatus, Long> counts = Map.of();
        for (int pass = 0; pass < PASSES; pass++) {
            // Each pass on a processor of its own: its dedupe state starts empty, as a run's does.
            LeadProcessor processor = LeadProcessor.create(spec, fields, suppression, clock);
            long started = System.nanoTime();
            counts = process(spec, processor);
            double passSeconds = (System.nanoTime() - started) / 1e9;
            check(counts, leads);
            rates.add(String.format("%,.0f", leads.rows() / passSeconds));
            seconds = Math.min(seconds, passSeconds);
        }
        double bare = bareBefore;
        for (int pass = 1; pass < PASSES; pass++) {
            bare = Math.min(bare, bareParseSeconds(leads.leads()));
        }

        long rows = leads.rows();
        double limit = rows / bare;
        double rate = rows / seconds;
        return List.of(new ScenarioResult("processing", rows, seconds, -1, limit,
                "bare Commons CSV parse", ">= 50% of limit", rate >= TARGET * limit,
                String.format("fastest of %d passes (%s rows/s); bare parse %.1f s; %,d valid, %,d dup, %,d bad,"
                                + " %,d suppressed", PASSES, String.join(", ", rates), bare,
                        counts.getOrDefault(LeadStatus.VALID, 0L), leads.duplicates(), leads.bad(), leads.suppressed()),
                null));
    }

    /** A pass must find exactly the rows, duplicates, bad and suppressed rows the file was generated with. */
    private static void check(Map<LeadStatus, Long> counts, Summary leads) {
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        if (rows != leads.rows() || counts.getOrDefault(LeadStatus.DUPLICATE, 0L) != leads.duplicates()
                || counts.getOrDefault(LeadStatus.BAD, 0L) != leads.bad()
                || counts.getOrDefault(LeadStatus.SUPPRESSED, 0L) != leads.suppressed()) {
            throw new IllegalStateException("processing found " + counts + " in a file generated with "
                    + leads.duplicates() + " duplicates, " + leads.bad() + " bad, " + leads.suppressed() + " suppressed");
        }
    }

    /**
     * Reads and processes as a load's step does: a chunk of {@code chunk-size x in-flight} rows read,
     * then processed, each chunk's leads prepared on the processing thread while it is read
     * ({@link ProcessAhead}), the in-run dedupe on this thread.
     */
    private static Map<LeadStatus, Long> process(JobSpec spec, LeadProcessor processor) throws Exception {
        Map<LeadStatus, Long> counts = new EnumMap<>(LeadStatus.class);
        ProcessAhead ahead = new ProcessAhead(SourceReaders.create(spec, Map.of()), processor);
        ItemProcessor<SourceRow, Lead> leads = ahead.processor();
        int chunkRows = spec.load().chunkSize() * spec.load().inFlight();
        List<SourceRow> chunk = new ArrayList<>(chunkRows);
        ahead.open(new ExecutionContext());
        try {
            boolean more = true;
            while (more) {
                chunk.clear();
                for (SourceRow row; chunk.size() < chunkRows; ) {
                    if ((row = ahead.read()) == null) {
                        more = false;
                        break;
                    }
                    chunk.add(row);
                }
                for (SourceRow row : chunk) {
                    counts.merge(leads.process(row).status(), 1L, Long::sum);
                }
            }
        } finally {
            ahead.close();
        }
        return counts;
    }

    /** Seconds to parse the file with Commons CSV and touch every value, nothing else. */
    static double bareParseSeconds(Path file) throws IOException {
        long started = System.nanoTime();
        long chars = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord record : parser) {
                for (String value : record) {
                    chars += value.length();
                }
            }
        }
        if (chars == 0) {
            throw new IllegalStateException(file + " is empty");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The Willtest table's fields, asked of a sandbox as a load asks ContactNow. */
    private static List<CampaignField> willtestFields() {
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0));
             ContactNowClient client = new ContactNowClient(ContactNowProperties.of(sandbox.baseUrl(), "sandbox", "sandbox"))) {
            return client.campaignFields("Willtest");
        }
    }
}
