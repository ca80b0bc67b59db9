package com.leadloader.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Rows to an .xlsx workbook (sheet {@code Leads}, header on row 1), streamed through POI's SXSSF:
 * only a window of rows is in memory, the rest in a compressed temporary file, so a million rows
 * need a few megabytes of heap. The file's creation date is fixed, so it depends on the rows alone. Every value is a text cell, as a careful exporter writes phones.
 */
final class XlsxLeadSink implements LeadSink {

    static final String SHEET = "Leads";

    private final Path file;
    private final SXSSFWorkbook workbook;
    private final Sheet sheet;
    private int next;

    XlsxLeadSink(Path file, List<String> header) throws IOException {
        this.file = file;
        this.workbook = new SXSSFWorkbook(200);
        workbook.setCompressTempFiles(true);
        // A fixed creation date (POI stamps "now"), so the same seed gives a byte-identical file.
        workbook.getXSSFWorkbook().getProperties().getCoreProperties()
                .setCreated(Optional.of(Date.from(Instant.parse("2025-01-01T00:00:00Z"))));
        this.sheet = workbook.createSheet(SHEET);
        write(header);
    }

    @Override
    public void write(List<String> values) throws IOException {
        if (next > 1_048_575) {
            throw new IOException("an .xlsx sheet holds at most 1,048,575 rows after its header; use --format csv");
        }
        Row row = sheet.createRow(next++);
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (!value.isEmpty()) {
                row.createCell(i).setCellValue(value);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        } finally {
            workbook.close(); // also deletes the temporary files
        }
    }
}
