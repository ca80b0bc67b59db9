package com.leadloader.cli;

import com.leadloader.sandbox.Faults;
import com.leadloader.sandbox.LostResponseMode;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxConfigException;
import com.leadloader.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leadloader sandbox}: serves the local ContactNow emulator on 127.0.0.1 until stopped
 * (Ctrl-C or SIGTERM close it cleanly). Options override the config file's faults.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs a local ContactNow API emulator (token.php, ecnow.php, database.php) to rehearse loads.")
public class SandboxCommand implements Runnable {

    /** The port used when neither --port nor the config file names one. */
    public static final int DEFAULT_PORT = 8089;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Port on 127.0.0.1 (default: the config's, else 8089; 0 = any free port).")
    Integer port;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML laid over the bundled sandbox.yml.")
    Path config;

    @Option(names = "--latency-ms", paramLabel = "N", description = "How long every request takes: answered N ms after it arrived, its handling included.")
    Long latencyMillis;

    @Option(names = "--fail-rate", paramLabel = "F", description = "Share of creates/updates answered 500/503, nothing stored.")
    Double failRate;

    @Option(names = "--lost-rate", paramLabel = "F", description = "Share of creates/updates stored whose response is lost.")
    Double lostRate;

    @Option(names = "--lost-mode", paramLabel = "drop|502", description = "How a response is lost: drop the connection, or a 502.")
    String lostMode;

    @Option(names = "--reset-rate", paramLabel = "F", description = "Share of creates/updates whose connection is closed unread.")
    Double resetRate;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "Requests handled at once before 429 (0 = no cap).")
    Integer maxInFlight;

    @Option(names = "--retry-after", paramLabel = "S", description = "Retry-After seconds sent with 429 and 503.")
    Integer retryAfter;

    @Option(names = "--token-ttl", paramLabel = "S", description = "Token lifetime in seconds (default 43199).")
    Long tokenTtl;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the fault sequence.")
    Long seed;

    @Override
    public void run() {
        SandboxServer server = start(effectiveConfig());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        printBanner(server, spec.commandLine().getOut());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }

    /** The configuration the options describe: the config file (or the bundled default) with the options laid over it. */
    SandboxConfig effectiveConfig() {
        SandboxConfig base;
        try {
            base = config == null ? SandboxConfig.defaults().withPort(DEFAULT_PORT)
                    : SandboxConfig.load(config, DEFAULT_PORT);
        } catch (SandboxConfigException e) {
            throw new UserError(e.getMessage());
        }
        Faults f = base.faults();
        try {
            Faults faults = new Faults(
                    latencyMillis != null ? latencyMillis : f.latencyMillis(),
                    failRate != null ? failRate : f.failBeforeRate(),
                    lostRate != null ? lostRate : f.lostAfterRate(),
                    lostMode != null ? LostResponseMode.parse(lostMode) : f.lostResponseMode(),
                    resetRate != null ? resetRate : f.resetRate(),
                    maxInFlight != null ? maxInFlight : f.maxInFlight(),
                    retryAfter != null ? retryAfter : f.retryAfterSeconds(),
                    seed != null ? seed : f.seed());
            SandboxConfig result = base.withFaults(faults).withPort(port != null ? port : base.port());
            return tokenTtl != null ? result.withTokenTtlSeconds(tokenTtl) : result;
        } catch (IllegalArgumentException e) {
            throw new UserError("sandbox options: " + e.getMessage());
        }
    }

    private static SandboxServer start(SandboxConfig config) {
        try {
            return SandboxServer.start(config);
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage() + " (choose another port with --port)");
        }
    }

    private static void printBanner(SandboxServer server, PrintWriter out) {
        SandboxConfig config = server.config();
        Faults f = config.faults();
        out.println("ContactNow sandbox listening on " + server.baseUrl() + " (account " + config.accountId() + ")");
        out.println("Scripts: " + server.baseUrl() + "token.php, ecnow.php, database.php");
        out.println("Log in as user '" + config.users().get(0).username() + "' (password as configured)");
        out.println("Faults: latency " + f.latencyMillis() + " ms, fail-before " + f.failBeforeRate()
                + ", lost-after " + f.lostAfterRate() + " (" + f.lostResponseMode() + "), reset " + f.resetRate()
                + ", max-in-flight " + (f.maxInFlight() == 0 ? "none" : f.maxInFlight()) + ", seed " + f.seed()
                + "; token TTL " + config.tokenTtlSeconds() + " s");
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
