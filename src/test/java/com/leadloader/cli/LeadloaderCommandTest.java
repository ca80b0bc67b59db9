package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a whole: what a mistyped command prints, versions, the overview's descriptions. */
class LeadloaderCommandTest {

    /** What one command printed, and its exit code. */
    record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LeadloaderCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void aParameterErrorIsItsSentenceAndWhereTheUsageIsNotTheWholeUsage() {
        assertThat(run("generate", "--rows", "10")).isEqualTo(new Result(ExitCodes.CONFIGURATION_ERROR, "",
                "leadloader: Missing required option: '--out=FILE'\nRun 'leadloader generate --help' for usage.\n"));
        assertThat(run("generate", "--rows", "abc", "--out", "x.csv")).isEqualTo(new Result(ExitCodes.CONFIGURATION_ERROR,
                "", "leadloader: Invalid value for option '--rows': 'abc' is not a long\n"
                        + "Run 'leadloader generate --help' for usage.\n"));
        assertThat(run("sandbox", "--bogus")).isEqualTo(new Result(ExitCodes.CONFIGURATION_ERROR, "",
                "leadloader: Unknown option: '--bogus'\nRun 'leadloader sandbox --help' for usage.\n"));
        assertThat(run("lod", "jobs/demo.yml")).isEqualTo(new Result(ExitCodes.CONFIGURATION_ERROR, "",
                "leadloader: Unmatched arguments from index 0: 'lod', 'jobs/demo.yml'\n"
                        + "Run 'leadloader --help' for usage.\n"));
    }

    @Test
    void aParamGivenTwiceWithDifferentValuesOrWithoutAnEqualsSignIsRefusedBeforeAnythingRuns() {
        for (String command : List.of("run", "validate")) {
            assertThat(run(command, "jobs/demo.yml", "--param", "day=2026-12-01", "--param", "day=2026-12-02"))
                    .as(command).isEqualTo(new Result(ExitCodes.CONFIGURATION_ERROR, "",
                            "leadloader: --param day is given twice, with different values; give each parameter once\n"
                                    + "Run 'leadloader " + command + " --help' for usage.\n"));
            assertThat(run(command, "jobs/demo.yml", "--param=day"))
                    .as(command).isEqualTo(new Result(ExitCodes.CONFIGURATION_ERROR, "",
                            "leadloader: --param 'day' has no '=': give it as NAME=VALUE (e.g. --param day=2026-12-01)\n"
                                    + "Run 'leadloader " + command + " --help' for usage.\n"));
        }
    }

    @Test
    void paramsKeepTheirOrderAnEqualsSignInTheValueAndARepeatOfTheSameValue() {
        CommandLine cli = LeadloaderCommand.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs("run", "jobs/demo.yml", "--param", "b=2", "--param=q=x=y",
                "--param", "b=2", "--param", "a=");
        RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();

        assertThat(run.params).containsExactly(Map.entry("b", "2"), Map.entry("q", "x=y"), Map.entry("a", ""));
    }

    @Test
    void noCommandIsAParameterErrorWithTheUsageOnStderr() {
        Result none = run();
        assertThat(none.exit()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).startsWith("leadloader: a command is needed, e.g. 'leadloader run SPEC'\nUsage: leadloader ")
                .contains("rerun-failed", "report", "status");

        Result help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).startsWith("Usage: leadloader ");
        assertThat(none.err()).endsWith(help.out());
    }

    @Test
    void everyCommandPrintsTheVersion() {
        Result top = run("-V");
        assertThat(top.out()).startsWith("leadloader ");
        for (String command : LeadloaderCommand.commandLine().getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue;
            }
            for (String option : List.of("-V", "--version")) {
                assertThat(run(command, option)).as("%s %s", command, option).isEqualTo(new Result(0, top.out(), ""));
            }
        }
    }

    @Test
    void theOverviewShowsEachCommandsFirstLineAsAWholeShortSentence() {
        LeadloaderCommand.commandLine().getSubcommands().forEach((name, command) -> {
            String first = command.getCommandSpec().usageMessage().description()[0];
            assertThat(first).as(name).endsWith(".").hasSizeLessThanOrEqualTo(100);
        });
        String overview = run("--help").out().replaceAll("\\s+", " ");
        assertThat(overview).contains("generate Writes synthetic UK leads and their suppression list, for rehearsals. bench")
                .contains("bench Measures leadloader's speed and memory on generated leads. help");
    }

    @Test
    void aMistypedCommandKeepsPicocliSuggestions() {
        Result result = run("stauts");

        assertThat(result.exit()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).startsWith("leadloader: Unmatched argument at index 0: 'stauts'\n")
                .contains("Did you mean", "status").endsWith("Run 'leadloader --help' for usage.\n");
        assertThat(result.err()).doesNotContain("Usage:");
    }
}
