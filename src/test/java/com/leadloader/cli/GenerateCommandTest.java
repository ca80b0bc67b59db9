package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int generate(String... args) {
        CommandLine cli = LeadloaderCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "generate";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void writesTheLeadsAndTheSuppressionListAndSaysHowManyOfEachKind() {
        Path leads = dir.resolve("out/leads.csv");

        int exit = generate("--rows", "500", "--out", leads.toString(), "--duplicates", "10", "--seed", "3");

        assertThat(exit).isZero();
        assertThat(leads).exists();
        assertThat(dir.resolve("out/leads-suppression.csv")).exists();
        assertThat(out.toString()).contains("generated 500 rows").contains("duplicates").contains("bad")
                .contains("suppressed").contains(leads.toString()).contains("leads-suppression.csv");
    }

    @Test
    void sharesAddingUpToMoreThanAllRowsAreRefusedWithTheReason() {
        int exit = generate("--rows", "10", "--out", dir.resolve("x.csv").toString(), "--duplicates", "60", "--bad", "50");

        assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        // --suppressed not given: its default (2) counts, and the message says so.
        assertThat(err.toString()).contains("--duplicates + --bad + --suppressed add up to 112% (60 + 50 + 2,"
                + " an option not given counting its default), more than 100%");
        assertThat(Files.exists(dir.resolve("x.csv"))).isFalse();
    }

    @Test
    void withoutFormatTheOutFilesExtensionChoosesIt() throws Exception {
        Path xlsx = dir.resolve("leads.xlsx");

        int exit = generate("--rows", "10", "--out", xlsx.toString());

        assertThat(exit).as(err.toString()).isZero();
        // An xlsx file is a zip archive: "PK", not the CSV header.
        byte[] start = java.util.Arrays.copyOf(Files.readAllBytes(xlsx), 2);
        assertThat(new String(start, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PK");
        assertThat(generate("--rows", "10", "--out", dir.resolve("leads.CSV").toString())).isZero();
        assertThat(Files.readString(dir.resolve("leads.CSV"))).startsWith("title,first_name");
    }

    @Test
    void aFormatContradictingTheExtensionIsRefusedAndNothingIsWritten() {
        int exit = generate("--rows", "10", "--out", dir.resolve("x.xlsx").toString(), "--format", "csv");

        assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(err.toString().strip()).isEqualTo("leadloader: generate: --format csv contradicts --out "
                + dir.resolve("x.xlsx") + ": name the file .csv, or leave --format out");
        assertThat(Files.exists(dir.resolve("x.xlsx"))).isFalse();
    }

    @Test
    void anExtensionThatNamesNoFormatNeedsFormat() {
        int exit = generate("--rows", "10", "--out", dir.resolve("leads.txt").toString());

        assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(err.toString().strip()).isEqualTo("leadloader: generate: cannot tell the format of --out "
                + dir.resolve("leads.txt") + " from its name: name it .csv or .xlsx, or pass --format csv|xlsx");
        assertThat(Files.exists(dir.resolve("leads.txt"))).isFalse();
        assertThat(generate("--rows", "10", "--out", dir.resolve("leads.txt").toString(), "--format", "csv")).isZero();
    }

    @Test
    void anUnknownFormatIsRefused() {
        int exit = generate("--rows", "10", "--out", dir.resolve("x.ods").toString(), "--format", "ods");

        assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(err.toString()).contains("format 'ods' is not csv or xlsx");
    }
}
