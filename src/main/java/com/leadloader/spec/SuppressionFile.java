package com.leadloader.spec;

import java.time.LocalDate;

/**
 * One suppression list: a text or CSV file with one phone number or email per line (the first
 * column of a CSV). Numbers are normalised like the leads' before matching.
 *
 * @param path       the file
 * @param screenedOn the date the list was screened/extracted; required when the spec has a maximum age
 */
public record SuppressionFile(String path, LocalDate screenedOn) {
}
