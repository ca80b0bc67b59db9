package com.leadloader.generate;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Where generated rows go, one at a time: a CSV file or a streamed workbook. */
interface LeadSink extends Closeable {

    void write(List<String> values) throws IOException;
}
