package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options the benchmark refuses before it generates or starts anything. */
class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        CommandLine cli = LeadloaderCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void anUnknownScenarioIsRefusedWithTheNamesThereAre() {
        assertThat(bench("--scenario", "warp-speed")).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(err.toString()).contains("no such scenario")
                .contains("processing, end-to-end, api-bound, xlsx-memory, sandbox");
    }

    @Test
    void aLoadScenarioWithoutPostgresqlIsRefused() {
        assertThat(bench("--scenario", "end-to-end", "--db-url", "jdbc:h2:mem:x")).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(err.toString()).contains("end-to-end measure the ledger on PostgreSQL");
    }

    @Test
    void aLoadScenarioWithNoDatabaseAtAllSaysWhereToNameOne() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("LEADLOADER_DB_URL") == null);

        assertThat(bench("--scenario", "api-bound", "--rows", "10")).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(err.toString()).contains("api-bound load through a PostgreSQL ledger")
                .contains("--db-url").contains("LEADLOADER_DB_URL");
        assertThat(out.toString()).isEmpty();
    }
}
