package com.leadloader.testing;

import com.leadloader.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code leadloader} as a separate JVM on this test's class path, the way an operator runs
 * it: configuration and credentials in the environment only, output into a log file. Each log is
 * also kept under {@code target/it-logs}, so that a failure on CI can be read afterwards.
 */
public final class LeadloaderProcess {

    private LeadloaderProcess() {
    }

    /** The environment of a leadloader pointed at {@code dbUrl} and an API, with short retry waits. */
    public static Map<String, String> environment(String dbUrl, String baseUrl, String username, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("LEADLOADER_DB_URL", dbUrl);
        env.put("CONTACTNOW_BASEURL", baseUrl);
        env.put("CONTACTNOW_USERNAME", username);
        env.put("CONTACTNOW_PASSWORD", password);
        env.put("LEADLOADER_RETRY_FIRST_BACKOFF", "5ms");
        env.put("LEADLOADER_RETRY_MAX_BACKOFF", "200ms");
        return env;
    }

    /** As above, for a sandbox with its default user. */
    public static Map<String, String> environment(String dbUrl, SandboxServer sandbox) {
        return environment(dbUrl, sandbox.baseUrl(), "sandbox", "sandbox");
    }

    /** {@code leadloader run SPEC [EXTRA...]} against a sandbox, with extra environment. */
    public static Process run(String dbUrl, SandboxServer sandbox, Path spec, Path stdout, Path stderr,
                              Map<String, String> extraEnv, String... extraArgs) throws IOException {
        Map<String, String> env = environment(dbUrl, sandbox);
        env.putAll(extraEnv);
        List<String> args = new ArrayList<>(List.of("run", spec.toString()));
        args.addAll(List.of(extraArgs));
        return start(env, stdout, stderr, args.toArray(String[]::new));
    }

    /** {@code leadloader ARGS}, stdout and stderr appended to {@code log}. */
    public static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        return start(env, log, null, args);
    }

    /** {@code leadloader ARGS}, stdout appended to {@code stdout}, stderr to {@code stderr} (null: to stdout). */
    public static Process start(Map<String, String> env, Path stdout, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "com.leadloader.Leadloader"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(kept(stdout).toFile()));
        if (stderr == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(kept(stderr).toFile()));
        }
        // Nothing of the developer's own environment may leak into the child's configuration.
        builder.environment().keySet().removeIf(k -> k.startsWith("CONTACTNOW_") || k.startsWith("LEADLOADER_")
                || k.startsWith("LOGGING_") || k.startsWith("MANAGEMENT_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** {@code log} itself, made a link to a file of the same name under target/it-logs on first use. */
    private static Path kept(Path log) throws IOException {
        if (Files.exists(log, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return log;
        }
        Path dir = Files.createDirectories(Path.of("target", "it-logs"));
        Path kept = dir.resolve(log.toAbsolutePath().getParent().getFileName() + "-" + log.getFileName());
        Files.deleteIfExists(kept);
        Files.createFile(kept);
        Files.createSymbolicLink(log, kept.toAbsolutePath());
        return log;
    }
}
