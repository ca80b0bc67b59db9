package com.leadloader.source;

import com.github.pjfanning.xlsx.StreamingReader;
import com.leadloader.spec.ExcelSource;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one sheet of an .xlsx workbook (streamed, a few rows in memory) or an .xls workbook,
 * cells as the user sees them: whole numbers with all their digits, dates as ISO, formulas as their
 * cached value. Restartable by read count; a file that is not a workbook is a {@link SourceException}.
 */
public class ExcelLeadReader extends AbstractItemCountingItemStreamItemReader<SourceRow> implements HeaderedReader {

    /** Above this size the shared strings table is kept in a temp file rather than in memory. */
    private static final long LARGE_WORKBOOK_BYTES = 32L * 1024 * 1024;

    private final ExcelSource source;
    private final DataFormatter formatter = new DataFormatter(Locale.UK);

    private Workbook workbook;
    private Iterator<Row> rows;
    private List<String> columns;
    private String origin;

    public ExcelLeadReader(String name, ExcelSource source) {
        setName(name);
        this.source = source;
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
        Path path = Path.of(source.path());
        origin = path.getFileName().toString();
        workbook = openWorkbook(path);
        try {
            Sheet sheet = sheet(path);
            rows = sheet.rowIterator();
            columns = header(path, sheet.getSheetName());
        } catch (RuntimeException ex) {
            try {
                doClose();
            } catch (IOException closing) {
                ex.addSuppressed(closing);
            }
            throw ex instanceof SourceException ? ex : unreadable(ex);
        }
    }

    @Override
    protected SourceRow doRead() {
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                SourceRow read = toRow(row);
                if (read != null) {
                    return read;
                }
            }
            return null;
        } catch (SourceException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            // The sheet's XML is parsed as rows are iterated, so a corrupt or hostile part surfaces here.
            throw unreadable(ex);
        }
    }

    /** A workbook whose parts cannot be parsed; a zip bomb (POI's inflate-ratio guard) is named as one. */
    private SourceException unreadable(RuntimeException ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("Zip bomb detected")) {
                return new SourceException(source.path() + ": refused: a part of the workbook expands to far more"
                        + " than its compressed size, as a zip bomb does; open it in Excel and save it again,"
                        + " or export the sheet as CSV", ex);
            }
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new SourceException(source.path() + ": cannot be read as an Excel workbook ("
                + String.valueOf(root.getMessage()).replaceAll("\\s+", " ") + ")", ex);
    }

    /** The header row's columns, once opened. */
    @Override
    public List<String> headerColumns() {
        return columns == null ? null : List.copyOf(columns);
    }

    @Override
    protected void doClose() throws IOException {
        if (workbook != null) {
            workbook.close();
        }
        workbook = null;
        rows = null;
    }

    private Workbook openWorkbook(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new SourceException(source.path() + ": file not found");
        }
        try {
            FileMagic magic = FileMagic.valueOf(path.toFile());
            if (magic == FileMagic.OOXML) {
                return StreamingReader.builder()
                        .rowCacheSize(100)
                        .bufferSize(8192)
                        .setReadComments(false)
                        .setReadHyperlinks(false)
                        .setReadShapes(false)
                        .setUseSstTempFile(Files.size(path) > LARGE_WORKBOOK_BYTES)
                        .open(path.toFile());
            }
            if (magic == FileMagic.OLE2) {
                return new HSSFWorkbook(new POIFSFileSystem(path.toFile(), true));
            }
        } catch (IOException ex) {
            throw new SourceException(source.path() + ": cannot be read as an Excel workbook ("
                    + String.valueOf(ex.getMessage()).replaceAll("\\s+", " ") + ")", ex);
        } catch (RuntimeException ex) {
            throw unreadable(ex);
        }
        throw new SourceException(source.path() + ": is not an Excel workbook (.xlsx or .xls)");
    }

    private Sheet sheet(Path path) {
        String wanted = source.sheet();
        Sheet sheet;
        if (wanted == null || wanted.isBlank()) {
            sheet = workbook.getNumberOfSheets() > 0 ? workbook.getSheetAt(0) : null;
        } else if (wanted.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(wanted);
            sheet = index < workbook.getNumberOfSheets() ? workbook.getSheetAt(index) : null;
        } else {
            try {
                sheet = workbook.getSheet(wanted);
            } catch (RuntimeException missing) {
                sheet = null; // the streaming workbook throws where POI returns null
            }
        }
        if (sheet == null) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                names.add(i + ": " + workbook.getSheetName(i));
            }
            throw new SourceException(path + ": source.excel.sheet '" + (wanted == null ? "0" : wanted)
                    + "' does not exist; the workbook has " + (names.isEmpty() ? "no sheets" : String.join(", ", names)));
        }
        return sheet;
    }

    /** The header's column names; one named twice is refused, as the CSV reader does, or its values would overwrite. */
    private List<String> header(Path path, String sheetName) {
        int headerIndex = source.headerRow() - 1;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (row.getRowNum() < headerIndex) {
                continue;
            }
            if (row.getRowNum() > headerIndex) {
                break;
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < Math.max(0, row.getLastCellNum()); i++) {
                String name = text(row.getCell(i)).strip();
                names.add(name.isEmpty() ? "col" + (i + 1) : name);
            }
            while (!names.isEmpty() && names.get(names.size() - 1).equals("col" + names.size())) {
                names.remove(names.size() - 1); // trailing blank header cells are not columns
            }
            Set<String> seen = new HashSet<>();
            for (String name : names) {
                if (!seen.add(name)) {
                    throw new SourceException(path + ", sheet '" + sheetName + "': the header names the column '"
                            + name + "' twice");
                }
            }
            if (!names.isEmpty()) {
                return names;
            }
            break;
        }
        throw new SourceException(path + ": row " + source.headerRow()
                + " is empty or missing; source.excel.header-row must be the row that names the columns");
    }

    /** The row's values by header name, or null for a row with nothing in it. */
    private SourceRow toRow(Row row) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean blank = true;
        String problem = null;
        for (int i = 0; i < columns.size(); i++) {
            String value;
            try {
                value = text(row.getCell(i));
            } catch (RuntimeException ex) {
                value = "";
                problem = "row " + (row.getRowNum() + 1) + ", column " + CellReference.convertNumToColString(i)
                        + ": the cell cannot be read (" + ex.getMessage() + ")";
            }
            blank &= value.isEmpty();
            values.put(columns.get(i), value);
        }
        for (int i = columns.size(); i < row.getLastCellNum(); i++) {
            if (!text(row.getCell(i)).isEmpty()) {
                blank = false;
                problem = problem != null ? problem : "row " + (row.getRowNum() + 1) + " has a value in column "
                        + CellReference.convertNumToColString(i) + ", beyond the header's " + columns.size() + " columns";
            }
        }
        if (blank && problem == null) {
            return null;
        }
        return new SourceRow(origin, row.getRowNum() + 1L, values, problem);
    }

    /** A cell's value as Excel shows it, without losing digits to scientific notation. */
    String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            type = cell.getCachedFormulaResultType();
        }
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> numeric(cell);
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> errorText(cell);
            default -> "";
        };
    }

    private String numeric(Cell cell) {
        double value = cell.getNumericCellValue();
        if (DateUtil.isCellDateFormatted(cell)) {
            LocalDateTime dateTime = cell.getLocalDateTimeCellValue();
            if (dateTime.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                return dateTime.toLocalDate().toString();
            }
            return value < 1 ? dateTime.toLocalTime().format(DateTimeFormatter.ISO_LOCAL_TIME)
                    : dateTime.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        // Double.toString gives the shortest exact digits; BigDecimal prints them without an exponent.
        String plain = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        CellStyle style = cell.getCellStyle();
        String format = style == null ? null : style.getDataFormatString();
        if (format == null || format.equalsIgnoreCase("General") || format.equals("@")) {
            return plain;
        }
        String shown = formatter.formatRawCellContents(value, style.getDataFormat(), format);
        return shown.matches(".*\\d[Ee][+-]?\\d.*") ? plain : shown;
    }

    private static String errorText(Cell cell) {
        try {
            return FormulaError.forInt(cell.getErrorCellValue()).getString();
        } catch (RuntimeException ex) {
            return "#ERROR";
        }
    }
}
