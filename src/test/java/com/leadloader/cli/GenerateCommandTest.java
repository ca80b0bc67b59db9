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
        int exit = generate("--rows", "10", "--out", dir.resolve("x.csv").toString(), "--duplicates", "60", "--bad", "50",
                "--suppressed", "0");

        assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(err.toString()).contains("--duplicates + --bad + --suppressed add up to 110.0%");
        assertThat(Files.exists(dir.resolve("x.csv"))).isFalse();
    }

    @Test
    void anUnknownFormatIsRefused() {
        int exit = generate("--rows", "10", "--out", dir.resolve("x.ods").toString(), "--format", "ods");

        assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(err.toString()).contains("format 'ods' is not csv or xlsx");
    }
}
