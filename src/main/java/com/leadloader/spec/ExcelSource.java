package com.leadloader.spec;

/**
 * An Excel source (.xlsx streamed, or .xls), one sheet of it.
 *
 * @param path      the workbook
 * @param sheet     the sheet's name, or its 0-based index as digits; the first sheet by default
 * @param headerRow the 1-based row that names the columns; data starts on the row after it
 */
public record ExcelSource(String path, String sheet, Integer headerRow) {

    public ExcelSource {
        headerRow = headerRow == null ? 1 : headerRow;
    }
}
