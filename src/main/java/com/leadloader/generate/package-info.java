/**
 * Synthetic UK leads for rehearsals and the benchmark: names, addresses, emails and phone numbers
 * written the many ways people write them, with known shares of duplicates, bad rows and
 * suppressed numbers, so that a load of the generated file has counts one can predict. Nothing
 * here is used by a load; it stands beside the pipeline as its test bench.
 */
package com.leadloader.generate;
