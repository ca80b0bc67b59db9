package com.leadloader.source;

import com.leadloader.spec.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvLeadReaderTest {

    @TempDir
    Path dir;

    static List<SourceRow> readAll(CsvLeadReader reader, ExecutionContext context) throws Exception {
        reader.open(context);
        try {
            List<SourceRow> rows = new ArrayList<>();
            for (SourceRow row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
            return rows;
        } finally {
            reader.close();
        }
    }

    private List<SourceRow> read(String path) throws Exception {
        return readAll(new CsvLeadReader("csv", new CsvSource(path, null, null, null, null)), new ExecutionContext());
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void quotedNewlineStaysInTheValueAndPositionsAreStartingLines() throws Exception {
        Path csv = file("leads.csv", """
                name,address,mobile
                Ann,"1 High St
                Flat 2",07911 123456

                Bob,2 Low Rd,07911 654321
                """.replace("\n", "\r\n"));

        List<SourceRow> rows = read(csv.toString());

        assertThat(rows).extracting(SourceRow::position).containsExactly(2L, 5L);
        assertThat(rows.get(0).value("address")).isEqualTo("1 High St\r\nFlat 2");
        assertThat(rows.get(1).values()).containsExactly(
                Map.entry("name", "Bob"), Map.entry("address", "2 Low Rd"), Map.entry("mobile", "07911 654321"));
        assertThat(rows).extracting(SourceRow::origin).containsOnly("leads.csv");
        assertThat(rows).extracting(SourceRow::problem).containsOnlyNulls();
    }

    @Test
    void windows1252IsDecoded() throws Exception {
        Path csv = Path.of("src/test/resources/csv/leads-windows-1252.csv");
        List<SourceRow> rows = readAll(new CsvLeadReader("csv", new CsvSource(csv.toString(), "windows-1252", null, null, null)),
                new ExecutionContext());

        assertThat(rows).singleElement().extracting(SourceRow::values)
                .isEqualTo(Map.of("name", "José García", "city", "Café Town", "note", "costs £5"));
    }

    @Test
    void windows1252ReadAsUtf8IsAClearError() {
        assertThatThrownBy(() -> read("src/test/resources/csv/leads-windows-1252.csv"))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("src/test/resources/csv/leads-windows-1252.csv: is not valid UTF-8 text")
                .hasMessageContaining("set source.csv.encoding to the file's character set (e.g. windows-1252)");
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() throws Exception {
        List<SourceRow> rows = read("src/test/resources/csv/leads-utf8-bom.csv");

        assertThat(rows).singleElement().extracting(SourceRow::values)
                .isEqualTo(Map.of("name", "Ann", "mobile", "07911 123456"));
    }

    @Test
    void raggedRowsBecomeRowsWithAProblem() throws Exception {
        Path csv = file("ragged.csv", "a,b,c\n1,2,3\n1,2\n1,2,3,4\n");

        List<SourceRow> rows = read(csv.toString());

        assertThat(rows).extracting(SourceRow::problem).containsExactly(
                null, "line 3 has 2 fields, the header has 3", "line 4 has 4 fields, the header has 3");
        assertThat(rows.get(1).values()).containsEntry("a", "1").containsEntry("c", "");
    }

    @Test
    void headerOnlyFileHasNoRows() throws Exception {
        assertThat(read(file("header-only.csv", "name,mobile\n").toString())).isEmpty();
    }

    @Test
    void headerOnlyFileStillNamesItsColumns() throws Exception {
        CsvLeadReader reader = new CsvLeadReader("csv",
                new CsvSource(file("header-only.csv", "a,b,c\n").toString(), null, null, null, null));

        assertThat(readAll(reader, new ExecutionContext())).isEmpty();
        assertThat(reader.headerColumns()).containsExactly("a", "b", "c");
        assertThat(SourceReaders.headerColumns(reader)).containsExactly("a", "b", "c");
    }

    @Test
    void emptyFileIsAnErrorNamingIt() throws Exception {
        Path csv = file("empty.csv", "");
        assertThatThrownBy(() -> read(csv.toString()))
                .isInstanceOf(SourceException.class)
                .hasMessage(csv + ": the file is empty; expected a header row naming the columns");
    }

    @Test
    void aFileThatCannotBeOpenedSaysWhy() throws Exception {
        Path gone = file("gone.csv", "first_name\nAnn\n");
        CsvLeadReader reader = new CsvLeadReader("csv", new CsvSource(gone.toString(), null, null, null, null));
        reader.open(new ExecutionContext());
        try {
            Files.delete(gone);
            assertThatThrownBy(reader::read).isInstanceOf(SourceException.class)
                    .hasMessage(gone + ": cannot be read: no such file (it was there when the run began)");
        } finally {
            reader.close();
        }
    }

    @Test
    void anUnreadableFileSaysPermissionDenied() throws Exception {
        Path unread = file("unread.csv", "first_name\nAnn\n");
        Files.setPosixFilePermissions(unread, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(unread), "root reads any file");
        assertThatThrownBy(() -> read(unread.toString())).isInstanceOf(SourceException.class)
                .hasMessage(unread + ": cannot be read: permission denied");
    }

    @Test
    void malformedQuoteNamesFileAndLine() throws Exception {
        Path csv = file("bad-quote.csv", "name,mobile\nAnn,07911 123456\n\"Bob\"x,07911 654321\n");
        CsvLeadReader reader = new CsvLeadReader("csv", new CsvSource(csv.toString(), null, null, null, null));
        reader.open(new ExecutionContext());

        assertThat(reader.read().value("name")).isEqualTo("Ann");
        assertThatThrownBy(reader::read)
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith(csv + ": line 3: cannot be parsed (");
        reader.close();
    }

    @Test
    void globReadsFilesInNameOrderWithTheirNamesAsOrigin() throws Exception {
        file("leads-b.csv", "name\nBob\n");
        file("leads-a.csv", "name\nAnn\nAmy\n");
        file("other.csv", "name\nZed\n");

        List<SourceRow> rows = read(dir + "/leads-*.csv");

        assertThat(rows).extracting(r -> r.origin() + ":" + r.position() + ":" + r.value("name"))
                .containsExactly("leads-a.csv:2:Ann", "leads-a.csv:3:Amy", "leads-b.csv:2:Bob");
    }

    @Test
    void filesOfTheSameNameInDifferentFoldersAreTwoOrigins() throws Exception {
        // Each row's ledger identity is its origin and line: with the bare file name as origin the
        // second leads.csv's rows were taken for the first's, and never loaded.
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        file("a/leads.csv", "name\nAnn\nAmy\n");
        file("b/leads.csv", "name\nBob\nBea\n");

        List<SourceRow> rows = read(dir + "/**/leads.csv");

        assertThat(rows).extracting(r -> r.origin() + ":" + r.position() + ":" + r.value("name"))
                .containsExactly("a/leads.csv:2:Ann", "a/leads.csv:3:Amy", "b/leads.csv:2:Bob", "b/leads.csv:3:Bea");
    }

    @Test
    void delimiterQuoteAndNoHeaderOptions() throws Exception {
        Path csv = file("semi.csv", "'Ann; Marie';07911 123456\nBob;07911 654321\n");

        List<SourceRow> rows = readAll(new CsvLeadReader("csv", new CsvSource(csv.toString(), null, ';', '\'', false)),
                new ExecutionContext());

        assertThat(rows).extracting(SourceRow::values).containsExactly(
                Map.of("col1", "Ann; Marie", "col2", "07911 123456"),
                Map.of("col1", "Bob", "col2", "07911 654321"));
        assertThat(rows).extracting(SourceRow::position).containsExactly(1L, 2L);
    }

    @Test
    void restartContinuesAfterTheLastSavedRowAcrossFiles() throws Exception {
        file("part-1.csv", "name\nr1\nr2\n");
        file("part-2.csv", "name\nr3\n\"r4\nstill r4\"\nr5\n");
        CsvSource source = new CsvSource(dir + "/part-*.csv", StandardCharsets.UTF_8.name(), null, null, null);
        ExecutionContext context = new ExecutionContext();

        CsvLeadReader first = new CsvLeadReader("csv", source);
        first.open(context);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(first.read().value("name"));
        }
        first.update(context);
        first.read(); // read but never committed: must be read again
        first.close();

        List<SourceRow> rest = readAll(new CsvLeadReader("csv", source), context);
        rest.forEach(r -> seen.add(r.value("name")));

        assertThat(seen).containsExactly("r1", "r2", "r3", "r4\nstill r4", "r5");
        assertThat(rest).extracting(SourceRow::position).containsExactly(3L, 5L);
    }
}
