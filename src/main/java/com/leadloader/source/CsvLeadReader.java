package com.leadloader.source;

import com.leadloader.spec.CsvSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Streams the rows of one CSV file, or of every file a glob matches in name order, with Commons CSV.
 * Restartable: the read count is saved and a restart skips that many rows. A ragged row becomes a
 * row with a problem; a malformed quote or undecodable byte ends the read with a {@link SourceException}
 * naming the file and line. An empty file (no header) is an error; a header-only file gives no rows,
 * only its {@link #headerColumns() columns}.
 */
public class CsvLeadReader extends AbstractItemCountingItemStreamItemReader<SourceRow> implements HeaderedReader {

    private final CsvSource source;
    private final CSVFormat format;

    private List<Path> files = List.of();
    private int fileIndex;
    private Path file;
    /** What the ledger calls the current file's rows ({@link CsvSource#origin}). */
    private String origin;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private List<String> columns;
    private FixedMap.Keys<String> columnKeys;
    private List<String> firstHeader;

    public CsvLeadReader(String name, CsvSource source) {
        setName(name);
        this.source = source;
        this.format = CSVFormat.DEFAULT.builder()
                .setDelimiter(source.delimiter())
                .setQuote(source.quote())
                // Blank lines arrive as one-empty-field records and are dropped here, so that the
                // parser's line count always says where the next record starts.
                .setIgnoreEmptyLines(false)
                .get();
    }

    /** Opens the source; a {@link SourceException} reaches the caller as itself, not wrapped. */
    @Override
    public void open(ExecutionContext executionContext) {
        try {
            super.open(executionContext);
        } catch (ItemStreamException ex) {
            if (ex.getCause() instanceof SourceException sourceError) {
                throw sourceError;
            }
            throw ex;
        }
    }

    @Override
    protected void doOpen() {
        files = source.files();
        if (files.isEmpty()) {
            throw new SourceException(source.isGlob()
                    ? "no file matches '" + source.path() + "'"
                    : source.path() + ": file not found");
        }
        fileIndex = -1;
        firstHeader = null;
    }

    @Override
    protected SourceRow doRead() {
        while (true) {
            if (records == null && !openNextFile()) {
                return null;
            }
            Numbered next = nextRecord();
            if (next != null) {
                return toRow(next);
            }
            closeFile();
        }
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        // Skips without building rows: a restart costs one parse of the rows already loaded.
        int skipped = 0;
        while (skipped < itemIndex) {
            if (records == null && !openNextFile()) {
                return;
            }
            if (nextRecord() == null) {
                closeFile();
            } else {
                skipped++;
            }
        }
    }

    /** The header of the first file read; null with {@code header: false}. */
    @Override
    public List<String> headerColumns() {
        return firstHeader;
    }

    @Override
    protected void doClose() {
        closeFile();
        files = List.of();
    }

    private boolean openNextFile() {
        if (++fileIndex >= files.size()) {
            return false;
        }
        file = files.get(fileIndex);
        origin = source.origin(file);
        refuseWorkbook(file);
        try {
            parser = CSVParser.builder().setReader(reader(file)).setFormat(format).get();
        } catch (IOException ex) {
            // A file system exception's message is only the path: say why instead.
            String reason = ex instanceof java.nio.file.NoSuchFileException ? "no such file (it was there when the run began)"
                    : com.leadloader.cli.FileErrors.reason(ex);
            throw new SourceException(file + ": cannot be read: " + reason, ex);
        }
        records = parser.iterator();
        columns = null;
        columnKeys = null;
        if (source.header()) {
            Numbered header = nextRecord();
            if (header == null) {
                throw new SourceException(file + ": the file is empty; expected a header row naming the columns");
            }
            columns = headerNames(header.record());
            columnKeys = FixedMap.Keys.of(columns);
            firstHeader = firstHeader != null ? firstHeader : List.copyOf(columns);
        }
        return true;
    }

    /** A workbook named .csv would otherwise read as undecodable text; say what it is instead. */
    private static void refuseWorkbook(Path path) {
        FileMagic magic;
        try {
            magic = FileMagic.valueOf(path.toFile());
        } catch (IOException | RuntimeException ex) {
            return; // not recognisable as anything else: read it as text, which reports what is wrong
        }
        if (magic == FileMagic.OOXML || magic == FileMagic.OLE2) {
            throw new SourceException(path + ": is an Excel workbook, not CSV text; load it with source.excel"
                    + " (path: " + path.getFileName() + "), or save the sheet as CSV");
        }
    }

    private BufferedReader reader(Path path) throws IOException {
        Charset charset = Charset.forName(source.encoding());
        InputStream in = BOMInputStream.builder().setInputStream(Files.newInputStream(path)).get();
        return new BufferedReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    private record Numbered(long line, CSVRecord record) {
    }

    /** The next non-blank record of the current file with the line it starts on, or null at its end. */
    private Numbered nextRecord() {
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException ex) {
                throw unreadable(line, ex);
            }
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            return new Numbered(line, record);
        }
    }

    private SourceException unreadable(long line, RuntimeException ex) {
        Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
        if (cause instanceof CharacterCodingException) {
            // The decoder works a buffer ahead of the parser, so the line is where reading stood.
            return new SourceException(file + ": is not valid " + source.encoding() + " text (found reading from line "
                    + line + "); set source.csv.encoding to the file's character set (e.g. windows-1252)", ex);
        }
        return new SourceException(file + ": line " + line + ": cannot be parsed ("
                + String.valueOf(cause.getMessage()).replaceAll("\\s+", " ")
                + "); check the quotes in or after this line", ex);
    }

    private List<String> headerNames(CSVRecord header) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (name.isEmpty()) {
                name = "col" + (i + 1);
            }
            if (!seen.add(name)) {
                throw new SourceException(file + ": the header names the column '" + name + "' twice");
            }
            names.add(name);
        }
        return names;
    }

    private SourceRow toRow(Numbered numbered) {
        CSVRecord record = numbered.record();
        if (columns == null) {
            // Without a header the first record fixes the columns: col1..colN.
            columns = new ArrayList<>();
            for (int i = 1; i <= record.size(); i++) {
                columns.add("col" + i);
            }
            columnKeys = FixedMap.Keys.of(columns);
        }
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < record.size() ? record.get(i) : "";
        }
        String problem = record.size() == columns.size() ? null
                : "line " + numbered.line() + " has " + record.size() + " fields, the "
                + (source.header() ? "header has " : "first row has ") + columns.size();
        return new SourceRow(origin, numbered.line(), FixedMap.of(columnKeys, values), problem);
    }

    private void closeFile() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        parser = null;
        records = null;
    }
}
