package com.leadloader.batch;

import com.leadloader.cli.UserError;
import com.leadloader.contactnow.CampaignField;
import com.leadloader.contactnow.ContactNowClient;
import com.leadloader.lead.Lead;
import com.leadloader.lead.LeadProcessor;
import com.leadloader.lead.LeadStatus;
import com.leadloader.lead.PhoneNormalizer;
import com.leadloader.lead.PriorLoadFilter;
import com.leadloader.lead.SuppressionList;
import com.leadloader.ledger.LoadHistory;
import com.leadloader.source.SourceReaders;
import com.leadloader.source.SourceRow;
import com.leadloader.spec.JobSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * {@code validate}: everything a load does up to the request, with nothing sent and nothing
 * recorded. Checks the target, then reads and processes the whole source, checking prior loads
 * a chunk at a time, and counts what each lead would become.
 */
public final class DryRun {

    private static final int CHUNK = 1000;
    private static final int SAMPLES = 10;

    /** What a load would do. */
    public record Result(String dataset, long rows, Map<LeadStatus, Long> counts, List<Lead> firstRejected,
                         List<String> warnings, boolean tooManyBad) {
    }

    private final LoadHistory history;
    private final Clock clock;

    public DryRun(LoadHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    public Result run(JobSpec spec, Map<String, String> params, ContactNowClient client) {
        TargetCheck target = new TargetCheck(client, spec);
        List<CampaignField> fields = target.fields();
        String dataset = target.existingDataset();
        PhoneNormalizer normalizer = new PhoneNormalizer(spec.phones());
        SuppressionList suppression = SuppressionList.load(spec.suppression(), normalizer, clock);
        LeadProcessor processor = LeadProcessor.create(spec, fields, suppression, clock);
        PriorLoadFilter priorLoads = PriorLoadFilter.create(spec, history, clock);
        List<String> warnings = new ArrayList<>(target.warnings());
        warnings.addAll(suppression.warnings());

        Map<LeadStatus, Long> counts = new EnumMap<>(LeadStatus.class);
        for (LeadStatus status : LeadStatus.values()) {
            counts.put(status, 0L);
        }
        List<Lead> samples = new ArrayList<>();
        long rows = 0;
        ItemStreamReader<SourceRow> reader = SourceReaders.create(spec, params);
        try {
            reader.open(new ExecutionContext());
            List<Lead> chunk = new ArrayList<>(CHUNK);
            boolean checkedColumns = false;
            for (SourceRow row; (row = reader.read()) != null; ) {
                if (!checkedColumns) {
                    checkUpFront(spec, processor, row.values().keySet());
                    checkedColumns = true;
                }
                rows++;
                chunk.add(processor.process(row));
                if (chunk.size() == CHUNK) {
                    tally(priorLoads.filter(chunk), counts, samples);
                    chunk.clear();
                }
            }
            tally(priorLoads.filter(chunk), counts, samples);
            if (!checkedColumns) {
                // No row: a header-only file is still checked against its header, as run does.
                checkUpFront(spec, processor, SourceReaders.headerColumns(reader));
            }
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            throw new UserError(spec.name() + ": cannot read the source: " + e.getMessage());
        } finally {
            reader.close();
        }
        boolean tooManyBad = rows > 0 && counts.get(LeadStatus.BAD) * 100.0 / rows > spec.validation().maxBadPercent();
        return new Result(dataset, rows, counts, samples, warnings, tooManyBad);
    }

    private static void checkUpFront(JobSpec spec, LeadProcessor processor, java.util.Collection<String> columns) {
        List<String> problems = processor.checkUpFront(columns);
        if (!problems.isEmpty()) {
            throw new UserError(spec.name() + ": the spec does not fit the source or the campaign:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static void tally(List<Lead> leads, Map<LeadStatus, Long> counts, List<Lead> samples) {
        for (Lead lead : leads) {
            counts.merge(lead.status(), 1L, Long::sum);
            if (!lead.isValid() && samples.size() < SAMPLES) {
                samples.add(lead);
            }
        }
    }
}
