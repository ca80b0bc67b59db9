package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code leadloader status}'s options, checked before the job repository is opened. */
class StatusCommandTest {

    @Test
    void aLimitBelowOneIsRefusedInOneSentence() {
        for (String limit : new String[] {"-3", "0"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = LeadloaderCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));

            int exit = cli.execute("status", "--limit", limit);

            assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
            assertThat(err.toString().strip()).isEqualTo("leadloader: status: --limit must be 1 or more, not " + limit);
            assertThat(out.toString()).isEmpty();
        }
    }
}
