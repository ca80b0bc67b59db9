package com.leadloader.source;

import com.leadloader.spec.ExcelSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Path;

/**
 * Reads a whole workbook's first sheet through {@link ExcelLeadReader} and counts its rows, for the
 * benchmark that shows a large .xlsx streams in bounded memory. Not used by a load.
 */
public final class ExcelMemoryCheck {

    private ExcelMemoryCheck() {
    }

    /** The number of data rows (after the header on row 1) of the first sheet of {@code xlsx}. */
    public static long readAll(Path xlsx) throws Exception {
        ExcelLeadReader reader = new ExcelLeadReader("memory-check", new ExcelSource(xlsx.toString(), null, 1));
        reader.open(new ExecutionContext());
        try {
            long rows = 0;
            while (reader.read() != null) {
                rows++;
            }
            return rows;
        } finally {
            reader.close();
        }
    }
}
