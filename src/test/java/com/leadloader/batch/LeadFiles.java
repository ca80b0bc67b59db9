package com.leadloader.batch;

import com.leadloader.testing.SandboxSpecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small synthetic lead files and specs for load tests: every number valid and distinct. */
final class LeadFiles {

    private LeadFiles() {
    }

    /** {@code rows} leads with distinct valid mobiles (07400 000000 upwards, from {@code first}). */
    static Path csv(Path dir, String name, int first, int rows) {
        List<String> lines = new ArrayList<>(rows + 1);
        lines.add("id,first_name,last_name,mobile,postcode");
        for (int i = first; i < first + rows; i++) {
            lines.add(i + ",Name" + i + ",Surname" + i + "," + String.format("07400 %06d", i) + ",SW1A 1AA");
        }
        return write(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    /** A spec loading {@code csv} into the sandbox's dataset 100, deduped by phone across the table, with {@code extra} appended. */
    static Path spec(Path dir, String name, Path csv, String extra) {
        return SandboxSpecs.write(dir, name, csv, "Postcode: postcode", """
                dedupe:
                  key: [phone]
                  scope: table
                """ + extra);
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
