package com.leadloader.load;

import java.util.concurrent.atomic.LongAdder;

/** Live counts of one run, read by the progress display and the metrics. Thread-safe. */
public final class LoadCounters {

    public final LongAdder read = new LongAdder();
    public final LongAdder created = new LongAdder();
    public final LongAdder bad = new LongAdder();
    public final LongAdder duplicates = new LongAdder();
    public final LongAdder suppressed = new LongAdder();
    public final LongAdder failed = new LongAdder();
    public final LongAdder requests = new LongAdder();
    public final LongAdder retries = new LongAdder();
}
