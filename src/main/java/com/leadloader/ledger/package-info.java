/**
 * The lead ledger: every source row's fate (pending, created with its ContactNow key, bad,
 * duplicate, suppressed, failed), kept beside the Spring Batch job repository. Its unique claim on
 * each dedupe key within its scope is what keeps cross-run dedupe exact, and its pending rows with
 * their markers are what a restart reconciles. Downstream of everything: it records, it decides nothing.
 */
package com.leadloader.ledger;
