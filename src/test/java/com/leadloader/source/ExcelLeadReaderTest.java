package com.leadloader.source;

import com.leadloader.spec.ExcelSource;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExcelLeadReaderTest {

    @TempDir
    Path dir;

    /** Sheet 0 "Notes", sheet 1 "Leads": header on row 1, a blank row 3, and awkward cells. */
    private Path workbook(Workbook wb, String name) throws IOException {
        wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("nothing to load here");
        Sheet sheet = wb.createSheet("Leads");
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
        CellStyle dateTime = wb.createCellStyle();
        dateTime.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy hh:mm:ss"));
        CellStyle leadingZero = wb.createCellStyle();
        leadingZero.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("00000000000"));

        Row header = sheet.createRow(0);
        String[] names = {"name", "mobile", "home", "joined", "last_seen", "full_name", "score", "text_phone"};
        for (int i = 0; i < names.length; i++) {
            header.createCell(i).setCellValue(names[i]);
        }
        Row ann = sheet.createRow(1);
        ann.createCell(0).setCellValue("Ann");
        ann.createCell(1).setCellValue(7911123456d);
        ann.createCell(2).setCellValue(1632960123d);
        ann.getCell(2).setCellStyle(leadingZero);
        ann.createCell(3).setCellValue(LocalDate.of(2024, 3, 15));
        ann.getCell(3).setCellStyle(date);
        ann.createCell(4).setCellValue(LocalDateTime.of(2024, 3, 15, 10, 15, 30));
        ann.getCell(4).setCellStyle(dateTime);
        ann.createCell(5).setCellFormula("A2&\" Smith\"");
        ann.createCell(6).setCellFormula("0.1+0.2*2");
        ann.createCell(7).setCellValue("7.7009E+09");
        Row bob = sheet.createRow(3);
        bob.createCell(0).setCellValue("Bob");
        bob.createCell(1).setCellValue(447911654321d);
        bob.createCell(6).setCellValue(42d);
        wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); wb) {
            wb.write(out);
        }
        return file;
    }

    private static List<SourceRow> readAll(ExcelLeadReader reader, ExecutionContext context) throws Exception {
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

    private static List<SourceRow> read(Path file, String sheet) throws Exception {
        return readAll(new ExcelLeadReader("excel", new ExcelSource(file.toString(), sheet, null)), new ExecutionContext());
    }

    private static final Map<String, String> ANN = orderedMap(
            "name", "Ann", "mobile", "7911123456", "home", "01632960123", "joined", "2024-03-15",
            "last_seen", "2024-03-15T10:15:30", "full_name", "Ann Smith", "score", "0.5", "text_phone", "7.7009E+09");

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void xlsxCellsReadAsTheUserSeesThem() throws Exception {
        List<SourceRow> rows = read(workbook(new XSSFWorkbook(), "leads.xlsx"), "Leads");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).values()).containsExactlyEntriesOf(ANN);
        assertThat(rows.get(1).value("mobile")).isEqualTo("447911654321");
        assertThat(rows.get(1).value("score")).isEqualTo("42");
        assertThat(rows.get(1).value("joined")).isEmpty();
        assertThat(rows).extracting(SourceRow::position).containsExactly(2L, 4L);
        assertThat(rows).extracting(SourceRow::origin).containsOnly("leads.xlsx");
        assertThat(rows).extracting(SourceRow::problem).containsOnlyNulls();
    }

    @Test
    void xlsCellsReadTheSameWay() throws Exception {
        List<SourceRow> rows = read(workbook(new HSSFWorkbook(), "leads.xls"), "Leads");

        assertThat(rows.get(0).values()).containsExactlyEntriesOf(ANN);
        assertThat(rows.get(1).value("mobile")).isEqualTo("447911654321");
        assertThat(rows).extracting(SourceRow::position).containsExactly(2L, 4L);
    }

    @Test
    void sheetIsChosenByNameOrIndex() throws Exception {
        Path file = workbook(new XSSFWorkbook(), "leads.xlsx");

        assertThat(read(file, "1")).extracting(r -> r.value("name")).containsExactly("Ann", "Bob");
        assertThat(read(file, null)).isEmpty(); // sheet 0 has a header and nothing else
    }

    @Test
    void aSheetWithOnlyAHeaderStillNamesItsColumns() throws Exception {
        ExcelLeadReader reader = new ExcelLeadReader("excel",
                new ExcelSource(workbook(new XSSFWorkbook(), "leads.xlsx").toString(), "Notes", null));

        assertThat(readAll(reader, new ExecutionContext())).isEmpty();
        assertThat(reader.headerColumns()).containsExactly("nothing to load here");
    }

    @Test
    void missingSheetListsTheSheetsThereAre() throws Exception {
        Path file = workbook(new XSSFWorkbook(), "leads.xlsx");

        assertThatThrownBy(() -> read(file, "Laeds"))
                .isInstanceOf(SourceException.class)
                .hasMessage(file + ": source.excel.sheet 'Laeds' does not exist; the workbook has 0: Notes, 1: Leads");
    }

    @Test
    void headerRowCanBeLowerDown() throws Exception {
        Path file = dir.resolve("offset.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("Leads");
            sheet.createRow(0).createCell(0).setCellValue("Export of 2024-03-15");
            sheet.createRow(2).createCell(0).setCellValue("name");
            sheet.createRow(3).createCell(0).setCellValue("Cat");
            wb.write(out);
        }

        List<SourceRow> rows = readAll(new ExcelLeadReader("excel", new ExcelSource(file.toString(), "Leads", 3)),
                new ExecutionContext());

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.values()).isEqualTo(Map.of("name", "Cat"));
            assertThat(r.position()).isEqualTo(4L);
        });
    }

    @Test
    void aHeaderNamingAColumnTwiceIsRefusedNamingFileAndSheet() throws Exception {
        for (String name : List.of("twice.xlsx", "twice.xls")) {
            Path file = dir.resolve(name);
            try (Workbook wb = name.endsWith("x") ? new XSSFWorkbook() : new HSSFWorkbook();
                 OutputStream out = Files.newOutputStream(file)) {
                Sheet sheet = wb.createSheet("Leads");
                Row header = sheet.createRow(0);
                header.createCell(0).setCellValue("mobile");
                header.createCell(1).setCellValue("first_name");
                header.createCell(2).setCellValue("mobile");
                Row ann = sheet.createRow(1);
                ann.createCell(0).setCellValue("07911123456");
                ann.createCell(1).setCellValue("Ann");
                ann.createCell(2).setCellValue("07400123456");
                wb.write(out);
            }

            assertThatThrownBy(() -> read(file, null)).as(name)
                    .isInstanceOf(SourceException.class)
                    .hasMessage(file + ", sheet 'Leads': the header names the column 'mobile' twice");
        }
    }

    @Test
    void textFileIsNotAWorkbook() throws Exception {
        Path file = Files.writeString(dir.resolve("leads.xlsx"), "name,mobile\nAnn,07911123456\n");

        assertThatThrownBy(() -> read(file, null))
                .isInstanceOf(SourceException.class)
                .hasMessage(file + ": is not an Excel workbook (.xlsx or .xls)");
    }

    @Test
    void corruptWorkbookIsNamed() throws Exception {
        byte[] real = Files.readAllBytes(workbook(new XSSFWorkbook(), "good.xlsx"));
        Path file = Files.write(dir.resolve("broken.xlsx"), java.util.Arrays.copyOf(real, real.length / 2));

        assertThatThrownBy(() -> read(file, "Leads"))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith(file + ": cannot be read as an Excel workbook");
    }

    @Test
    void restartContinuesAfterTheLastSavedRow() throws Exception {
        Path file = dir.resolve("many.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("Leads");
            sheet.createRow(0).createCell(0).setCellValue("n");
            for (int i = 1; i <= 10; i++) {
                sheet.createRow(i).createCell(0).setCellValue(i);
            }
            wb.write(out);
        }
        ExcelSource source = new ExcelSource(file.toString(), null, null);
        ExecutionContext context = new ExecutionContext();
        ExcelLeadReader first = new ExcelLeadReader("excel", source);
        first.open(context);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(first.read().value("n"));
        }
        first.update(context);
        first.close();

        readAll(new ExcelLeadReader("excel", source), context).forEach(r -> seen.add(r.value("n")));

        assertThat(seen).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }

    @Test
    void memoryCheckCountsRows() throws Exception {
        Path file = workbook(new XSSFWorkbook(), "leads.xlsx");
        // The first sheet ("Notes") has only its header row.
        assertThat(ExcelMemoryCheck.readAll(file)).isZero();
    }
}
