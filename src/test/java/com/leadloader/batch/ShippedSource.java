package com.leadloader.batch;

import com.leadloader.source.SourceReaders;
import com.leadloader.source.SourceRow;
import com.leadloader.spec.JobSpec;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** Counts a spec's source rows with the project's own reader, so tests need no second parser. */
final class ShippedSource {

    private ShippedSource() {
    }

    static long rows(JobSpec spec) throws Exception {
        ItemStreamReader<SourceRow> reader = SourceReaders.create(spec, Map.of());
        reader.open(new ExecutionContext());
        try {
            long n = 0;
            while (reader.read() != null) {
                n++;
            }
            return n;
        } finally {
            reader.close();
        }
    }
}
