package com.leadloader.source;

import java.util.List;

/**
 * A reader whose source names its columns (a CSV or Excel header, a query's result), so that they are known
 * even when no row follows the header and a mapping can be checked against a source that is empty.
 */
public interface HeaderedReader {

    /** The columns the first header read names, or null before a header is read (or with none). */
    List<String> headerColumns();
}
