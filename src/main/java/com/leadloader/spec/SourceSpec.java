package com.leadloader.spec;

/**
 * Where the rows of a load come from: exactly one of {@code csv}, {@code excel} or {@code jdbc}.
 */
public record SourceSpec(CsvSource csv, ExcelSource excel, JdbcSource jdbc) {

    /** The kind of source this spec names. */
    public enum Kind { CSV, EXCEL, JDBC }

    public Kind kind() {
        if (csv != null) {
            return Kind.CSV;
        }
        if (excel != null) {
            return Kind.EXCEL;
        }
        return Kind.JDBC;
    }
}
