/**
 * The processing stage of the pipeline: turns each {@code source.SourceRow} into a
 * {@link com.leadloader.lead.Lead} by mapping it to ContactNow fields, normalising and routing its
 * phone numbers (libphonenumber), checking it against the campaign's fields, screening it against
 * suppression lists and finding duplicates in the run and, a chunk at a time, in the load history.
 * Processors never drop a lead: each one leaves with a status, a stable reason code and a message
 * naming the row and field, so that every row's fate reaches the ledger.
 */
package com.leadloader.lead;
