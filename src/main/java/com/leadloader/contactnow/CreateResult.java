package com.leadloader.contactnow;

/**
 * The answer to {@code ecnow_records create}: how many records were stored and how many failed.
 * The API names neither the bad records nor the keys of all stored ones (contactnow-api.md, decision 1).
 *
 * @param total records stored
 * @param bad   records refused
 * @param key   id of the last record stored, or null when none
 * @param info  the dialler state, e.g. {@code Record is LIVE on the dialer.}, or null
 * @param error why records were refused, or null
 */
public record CreateResult(int total, int bad, Long key, String info, String error) {

    /** Whether no record was refused. */
    public boolean noneBad() {
        return bad == 0;
    }
}
