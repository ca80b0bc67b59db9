package com.leadloader.spec;

/**
 * A CSV source read with Commons CSV.
 *
 * @param path      a file, or a glob such as {@code incoming/leads-*.csv} (files read in name order)
 * @param encoding  the file's character set; a UTF-8 BOM is skipped whatever this says
 * @param delimiter one character, {@code ,} by default
 * @param quote     one character, {@code "} by default
 * @param header    whether the first record names the columns (otherwise they are {@code col1..colN})
 */
public record CsvSource(String path, String encoding, Character delimiter, Character quote, Boolean header) {

    public CsvSource {
        encoding = encoding == null ? "UTF-8" : encoding;
        delimiter = delimiter == null ? ',' : delimiter;
        quote = quote == null ? '"' : quote;
        header = header == null ? Boolean.TRUE : header;
    }
}
