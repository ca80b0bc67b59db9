/**
 * {@code leadloader bench}: measures the pipeline against the limits that bound it (a bare CSV
 * parse, the API's latency and concurrency, the heap cap, the sandbox's own speed). Loads run as
 * child JVMs with their own heap cap against a sandbox in a process of its own, so what is
 * measured is what a user's run would do.
 */
package com.leadloader.bench;
