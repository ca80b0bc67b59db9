package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadloader.cli.ReportCommand.Reports;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path dir;

    private final List<LedgerEntry> rows = List.of(
            entry(2, LeadState.CREATED, null), entry(3, LeadState.BAD, "NO_VALID_PHONE"),
            entry(4, LeadState.CREATED, null), entry(5, LeadState.DUPLICATE, "DUPLICATE"));

    @Test
    void writesCreatedAndBadWithNothingElseLeftInTheDirectory() throws Exception {
        Reports.Written written = Reports.write(rows::forEach, dir);

        assertThat(written.createdRows()).isEqualTo(2);
        assertThat(written.badRows()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("created.csv"), StandardCharsets.UTF_8)).hasSize(3);
        assertThat(Files.readAllLines(dir.resolve("bad.csv"), StandardCharsets.UTF_8)).hasSize(3);
        assertThat(files()).containsExactlyInAnyOrder("created.csv", "bad.csv");
    }

    @Test
    void aReportThatFailsPartWayLeavesNoFileThatLooksComplete() {
        // As when the embedded database goes away under the report: the second pass breaks after a row.
        int[] pass = {0};
        Reports.Rows breaking = sink -> {
            pass[0]++;
            for (int i = 0; i < rows.size(); i++) {
                if (pass[0] == 2 && i == 2) {
                    throw new IllegalStateException("Connection is broken: \"session closed\" [90067-240]");
                }
                sink.accept(rows.get(i));
            }
        };

        assertThatThrownBy(() -> Reports.write(breaking, dir)).hasMessageContaining("session closed");
        assertThat(files()).as("no created.csv or bad.csv, and no temporary file left").isEmpty();
    }

    @Test
    void aFailedReportLeavesTheFilesOfAnEarlierOneAsTheyWere() throws Exception {
        Reports.write(rows::forEach, dir);
        byte[] earlier = Files.readAllBytes(dir.resolve("created.csv"));

        int[] pass = {0};
        Reports.Rows failing = sink -> {
            sink.accept(rows.get(0));
            if (++pass[0] == 2) {
                throw new IllegalStateException("Database is already closed [90121-240]");
            }
        };
        assertThatThrownBy(() -> Reports.write(failing, dir)).isInstanceOf(IllegalStateException.class);

        assertThat(Files.readAllBytes(dir.resolve("created.csv"))).isEqualTo(earlier);
        assertThat(files()).containsExactlyInAnyOrder("created.csv", "bad.csv");
    }

    private List<String> files() {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.map(p -> p.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static LedgerEntry entry(long row, LeadState state, String reason) {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        return new LedgerEntry(row, "job", 1, 1, "table:Willtest", "k" + row, "leads.csv", row,
                "LLtest-1.0." + row, state, state == LeadState.CREATED ? 1000 + row : null, reason,
                reason == null ? null : "leads.csv row " + row + ": " + reason, null, 1,
                Map.of("first_name", "Ann", "mobile", "07400 00000" + row), Map.of("FirstName", "Ann"), now, now);
    }
}
