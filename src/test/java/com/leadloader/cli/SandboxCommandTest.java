package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code leadloader sandbox}'s options: laid over the config file, and refused with a sentence when wrong. */
class SandboxCommandTest {

    @TempDir
    Path dir;

    @Test
    void optionsOverrideTheConfigFile() throws Exception {
        Path file = dir.resolve("sandbox.yml");
        Files.writeString(file, "port: 9123\nfaults:\n  latency-millis: 5\n  seed: 1\n");
        SandboxCommand command = new SandboxCommand();
        new CommandLine(command).parseArgs("--config", file.toString(), "--fail-rate", "0.2", "--lost-mode", "502",
                "--max-in-flight", "4", "--retry-after", "7", "--token-ttl", "30");
        SandboxConfig config = command.effectiveConfig();
        assertThat(config.port()).isEqualTo(9123);
        assertThat(config.tokenTtlSeconds()).isEqualTo(30);
        assertThat(config.faults().latencyMillis()).isEqualTo(5);
        assertThat(config.faults().failBeforeRate()).isEqualTo(0.2);
        assertThat(config.faults().lostResponseMode()).isEqualTo(LostResponseMode.BAD_GATEWAY);
        assertThat(config.faults().maxInFlight()).isEqualTo(4);
        assertThat(config.faults().retryAfterSeconds()).isEqualTo(7);
        assertThat(config.faults().seed()).isEqualTo(1);
    }

    @Test
    void withoutAPortTheDefaultIs8089() {
        SandboxCommand command = new SandboxCommand();
        new CommandLine(command).parseArgs();
        assertThat(command.effectiveConfig().port()).isEqualTo(SandboxCommand.DEFAULT_PORT);
    }

    @Test
    void theConfigFilesPortIsUsedZeroIncludedAndAFileWithoutOneGets8089() throws Exception {
        Path anyPort = Files.writeString(dir.resolve("any-port.yml"), "port: 0\n");
        Path noPort = Files.writeString(dir.resolve("no-port.yml"), "token-ttl-seconds: 60\n");
        Path empty = Files.writeString(dir.resolve("empty.yml"), "");

        assertThat(configured("--config", anyPort.toString()).port()).isZero();
        assertThat(configured("--config", noPort.toString()).port()).isEqualTo(SandboxCommand.DEFAULT_PORT);
        assertThat(configured("--config", empty.toString()).port()).isEqualTo(SandboxCommand.DEFAULT_PORT);
        assertThat(configured("--config", anyPort.toString(), "--port", "9124").port()).isEqualTo(9124);
    }

    private static SandboxConfig configured(String... args) {
        SandboxCommand command = new SandboxCommand();
        new CommandLine(command).parseArgs(args);
        return command.effectiveConfig();
    }

    @Test
    void badOptionsExitWithConfigurationErrorAndOneSentence() {
        assertThat(run("sandbox", "--fail-rate", "1.5")).startsWith("2|leadloader: sandbox options: fail-before-rate must be between 0 and 1");
        assertThat(run("sandbox", "--lost-mode", "sometimes")).startsWith("2|leadloader: sandbox options: lost response mode must be drop or 502");
        assertThat(run("sandbox", "--config", dir.resolve("nope.yml").toString())).contains("nope.yml: no such file");
    }

    private static String run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = LeadloaderCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return code + "|" + err.toString().strip();
    }
}
