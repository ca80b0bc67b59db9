package com.leadloader.lead;

import com.leadloader.contactnow.CampaignField;
import com.leadloader.source.SourceRow;
import com.leadloader.spec.JobSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The item processor of a load: map, then phones, field validation, suppression and in-run dedupe.
 * Always returns the lead, never null, so that filtered rows are still written to the ledger with
 * their status. The cross-run dedupe is chunk-level ({@link PriorLoadFilter}), in the writer.
 *
 * <p>Safe to call from a multi-threaded step; the in-run dedupe is serialised, and "first
 * occurrence" then means first processed, which is source order only in a single-threaded step.
 */
public final class LeadProcessor implements ItemProcessor<SourceRow, Lead> {

    private final LeadMapper mapper;
    private final PhoneProcessor phones;
    private final FieldValidator validator;
    private final SuppressionProcessor suppression;
    private final DedupeKeys keys;
    private final InRunDeduplicator deduplicator;
    private final JobSpec spec;

    private LeadProcessor(JobSpec spec, List<CampaignField> fields, SuppressionList suppressionList) {
        this.spec = spec;
        this.mapper = new LeadMapper(spec);
        this.phones = new PhoneProcessor(spec.phones(), new PhoneNormalizer(spec.phones()));
        this.validator = new FieldValidator(spec.target() == null ? "?" : spec.target().table(), fields,
                spec.validation(), spec.load().markerField());
        this.suppression = new SuppressionProcessor(suppressionList);
        this.keys = new DedupeKeys(spec.dedupe());
        this.deduplicator = new InRunDeduplicator(keys.describe());
    }

    /**
     * The processor for one run of a job.
     *
     * @param fields      the target campaign table's fields ({@code campaign_fields read})
     * @param suppression the loaded lists ({@link SuppressionList#load}), or {@link SuppressionList#none}
     * @param clock       the run's clock; accepted for time-based checks, none of the per-row steps reads it yet
     */
    public static LeadProcessor create(JobSpec spec, List<CampaignField> fields, SuppressionList suppression,
                                       Clock clock) {
        return new LeadProcessor(spec, fields, suppression);
    }

    /**
     * Every spec error the source's columns and the campaign's fields reveal, before a row is read:
     * unknown columns, unknown or unfilled fields. Empty when the run may start.
     *
     * @param headerColumns the source's columns, or null when it names none (a JDBC source without
     *                      rows): then only the campaign side is checked
     */
    public List<String> checkUpFront(Collection<String> headerColumns) {
        List<String> errors = new ArrayList<>(headerColumns == null ? List.of() : mapper.checkColumns(headerColumns));
        java.util.Set<String> mapped = new java.util.LinkedHashSet<>(spec.mapping().keySet());
        if (spec.phones().routeByType()) {
            mapped.addAll(PhoneProcessor.PHONE_FIELDS);
        }
        errors.addAll(validator.checkMapping(mapped, spec.load().markerField()));
        return errors;
    }

    @Override
    public Lead process(SourceRow row) {
        return dedupe(prepare(row));
    }

    /**
     * Everything but the in-run dedupe: map, phones, field validation, suppression and the dedupe
     * key. Depends on the row alone, so any thread may prepare any row, in any order
     * ({@link ProcessAhead} does it on a thread of its own).
     */
    Lead prepare(SourceRow row) {
        Lead lead = phones.process(mapper.map(row));
        lead = validator.validate(lead);
        lead = suppression.process(lead);
        return keys.withKey(lead);
    }

    /** Readies the in-run dedupe for these prepared leads, about to be {@link #dedupe deduplicated} in turn. */
    void touch(Lead[] prepared) {
        synchronized (deduplicator) {
            deduplicator.touch(prepared);
        }
    }

    /**
     * The in-run dedupe of a {@link #prepare prepared} lead: DUPLICATE when a VALID lead with its key
     * came before it. "Before" is the order of these calls, so make them in source order.
     */
    Lead dedupe(Lead prepared) {
        synchronized (deduplicator) {
            return deduplicator.process(prepared);
        }
    }
}
