package com.leadloader.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Job specs for tests that load a CSV of {@code first_name, last_name, mobile} into the sandbox's
 * Willtest dataset 100: the part every such spec shares, with what the test is about appended.
 */
public final class SandboxSpecs {

    private SandboxSpecs() {
    }

    /** Writes {@code dir/name.yml}; {@code extra} is YAML of further top-level sections (load, dedupe ...). */
    public static Path write(Path dir, String name, Path csv, String extra) {
        return write(dir, name, csv, "", extra);
    }

    /** As {@link #write(Path, String, Path, String)}, mapping more columns: {@code moreMapping} lines such as {@code Postcode: postcode}. */
    public static Path write(Path dir, String name, Path csv, String moreMapping, String extra) {
        StringBuilder yaml = new StringBuilder("""
                name: %s
                source:
                  csv:
                    path: %s
                target:
                  table: Willtest
                  dataset: "100"
                mapping:
                  FirstName: first_name
                  LastName: last_name
                  MobilePhone: mobile
                """.formatted(name, csv.toAbsolutePath()));
        moreMapping.lines().forEach(line -> yaml.append("  ").append(line).append('\n'));
        yaml.append(extra);
        try {
            return Files.writeString(dir.resolve(name + ".yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
