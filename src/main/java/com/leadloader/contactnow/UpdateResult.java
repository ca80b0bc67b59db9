package com.leadloader.contactnow;

/**
 * The answer to an update ({@code ecnow_records} or {@code ecnow_datasets}): judged by the counts, since
 * the server reports a missing record id with {@code success} 1, {@code total} 0, {@code bad} 1.
 *
 * @param total records changed
 * @param bad   records refused
 * @param info  the dialler state, or null
 * @param error why records were refused, e.g. {@code Record id [2499265] does not exist.}, or null
 */
public record UpdateResult(int total, int bad, String info, String error) {

    /** Whether no record was refused. */
    public boolean noneBad() {
        return bad == 0;
    }
}
