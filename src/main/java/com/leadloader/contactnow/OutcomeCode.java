package com.leadloader.contactnow;

/**
 * One call outcome from {@code database.php method=outcomecodes}. A record given a complete outcome
 * leaves the dialler.
 *
 * @param code        the outcome id (the {@code outcomecode} of a record)
 * @param description its label
 * @param complete    whether it removes the record from the dialler ({@code complete} Y)
 */
public record OutcomeCode(int code, String description, boolean complete) {
}
