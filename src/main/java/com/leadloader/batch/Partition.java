package com.leadloader.batch;

import com.leadloader.cli.UserError;
import com.leadloader.source.SourceRow;
import com.leadloader.spec.JobSpec;

/**
 * The share of a source one loader process takes when several load it at once
 * ({@code leadloader run --partition INDEX/COUNT}, e.g. one pod of an Indexed Job each).
 *
 * <p>File rows are dealt out by their position (line or Excel row number); database rows by a
 * hash of their sort key, so that a row stays in the same partition from one night to the next
 * and each partition's watermark stays its own. Every process reads the whole source and keeps
 * its share: the work split is the processing, the ledger and the API calls. Dedupe across
 * partitions is the ledger's unique claim on the dedupe key, so partitioned runs need a
 * {@code TABLE} or {@code DATASET} dedupe scope and a fixed dataset.
 *
 * @param index 0-based partition index
 * @param count number of partitions, 1 for an unpartitioned run
 */
public record Partition(int index, int count) {

    public static final Partition WHOLE = new Partition(0, 1);

    public Partition {
        if (count < 1 || index < 0 || index >= count) {
            throw new UserError("--partition " + index + "/" + count
                    + ": the index must be from 0 to COUNT-1 and COUNT at least 1 (e.g. 0/4 .. 3/4)");
        }
    }

    /** Parses {@code INDEX/COUNT}; null or blank is the whole source. */
    public static Partition parse(String text) {
        if (text == null || text.isBlank()) {
            return WHOLE;
        }
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new UserError("--partition " + text + ": expected INDEX/COUNT, e.g. 0/4");
        }
        try {
            return new Partition(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new UserError("--partition " + text + ": expected INDEX/COUNT with whole numbers, e.g. 0/4");
        }
    }

    public boolean whole() {
        return count == 1;
    }

    /** Refuses spec settings that cannot be split between processes, naming the key. */
    public void checkFits(JobSpec spec) {
        if (whole()) {
            return;
        }
        if (spec.target().newDataset()) {
            throw new UserError(spec.name() + ": target.dataset: new cannot be used with --partition "
                    + this + " (each partition would create a dataset of its own); create the dataset first"
                    + " and give its id");
        }
        if (spec.dedupe().scope() == com.leadloader.spec.DedupeSpec.Scope.RUN) {
            throw new UserError(spec.name() + ": dedupe.scope: RUN cannot be used with --partition " + this
                    + " (partitions dedupe through the ledger); use TABLE or DATASET");
        }
    }

    /** Whether this partition takes the row. */
    public boolean takes(SourceRow row, String sortKeyColumn) {
        if (whole()) {
            return true;
        }
        long basis = row.position();
        if (sortKeyColumn != null) {
            String key = row.value(sortKeyColumn);
            basis = key == null ? row.position() : key.hashCode();
        }
        return Math.floorMod(basis, count) == index;
    }

    /** The share of the spec's request rate this partition may use. */
    public double requestsPerSecond(double total) {
        return total <= 0 ? 0 : total / count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
