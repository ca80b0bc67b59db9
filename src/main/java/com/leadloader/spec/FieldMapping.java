package com.leadloader.spec;

import org.springframework.boot.context.properties.bind.Name;

import java.util.List;

/**
 * How one ContactNow field is filled. Exactly one of {@code column}, {@code constant} or
 * {@code concat} names the value; {@code transform} is applied to it in order, and
 * {@code defaultValue} is used when the result is empty. In YAML a plain string is shorthand
 * for {@code column}.
 *
 * @param column       a source column
 * @param constant     a fixed value
 * @param concat       source columns joined with {@code separator} (empty ones skipped)
 * @param separator    the separator for {@code concat}, one space by default
 * @param transform    trim, upper, lower, collapse-spaces, applied in order
 * @param defaultValue the value used when the result is empty ({@code default:} in YAML)
 */
public record FieldMapping(
        String column,
        String constant,
        List<String> concat,
        String separator,
        List<Transform> transform,
        @Name("default") String defaultValue) {

    /** A text transform applied to a mapped value. */
    public enum Transform { TRIM, UPPER, LOWER, COLLAPSE_SPACES }

    public FieldMapping {
        concat = concat == null ? List.of() : List.copyOf(concat);
        separator = separator == null ? " " : separator;
        transform = transform == null ? List.of() : List.copyOf(transform);
    }

    /** A mapping that copies one source column as it is. */
    public static FieldMapping ofColumn(String column) {
        return new FieldMapping(column, null, null, null, null, null);
    }
}
