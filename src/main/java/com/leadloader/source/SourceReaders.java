package com.leadloader.source;

import com.leadloader.spec.JobSpec;
import com.leadloader.spec.SourceSpec;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.util.List;
import java.util.Map;

/**
 * Builds the reader a job spec's {@code source} names. Every reader it returns is restartable and
 * keeps its state in the step's execution context under the prefix {@link #READER_NAME}.
 */
public final class SourceReaders {

    /** The execution-context key prefix of the source reader. */
    public static final String READER_NAME = "source";

    private SourceReaders() {
    }

    /** The reader for a spec, reading every row (no watermark). */
    public static ItemStreamReader<SourceRow> create(JobSpec spec, Map<String, String> params) {
        return create(spec, params, null);
    }

    /**
     * The reader for a spec. {@code watermarkFrom} is the last successful run's high-water mark
     * (see {@link JdbcLeadReader#watermarkKey()}), used only by a JDBC source with a watermark column.
     */
    public static ItemStreamReader<SourceRow> create(JobSpec spec, Map<String, String> params, Object watermarkFrom) {
        SourceSpec source = spec.source();
        return switch (source.kind()) {
            case CSV -> new CsvLeadReader(READER_NAME, source.csv());
            case EXCEL -> new ExcelLeadReader(READER_NAME, source.excel());
            case JDBC -> new JdbcLeadReader(READER_NAME, source.jdbc(), params, watermarkFrom);
        };
    }

    /**
     * The columns an opened reader's source names (a file's header, a query's result), for a source
     * that gave no row; null when it has none to tell (a CSV without a header).
     */
    public static List<String> headerColumns(ItemStreamReader<SourceRow> reader) {
        return reader instanceof HeaderedReader headered ? headered.headerColumns() : null;
    }
}
