package com.leadloader.hostile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code leadloader} as a separate JVM on this test's class path, the way an operator runs
 * it: configuration and credentials in the environment only, stdout and stderr into one log file.
 */
final class LeadloaderProcess {

    private LeadloaderProcess() {
    }

    /** The environment of a leadloader pointed at {@code dbUrl} and a sandbox, with short retry waits. */
    static Map<String, String> environment(String dbUrl, String baseUrl, String username, String password) {
        return Map.of(
                "LEADLOADER_DB_URL", dbUrl,
                "CONTACTNOW_BASEURL", baseUrl,
                "CONTACTNOW_USERNAME", username,
                "CONTACTNOW_PASSWORD", password,
                "LEADLOADER_RETRY_FIRST_BACKOFF", "5ms",
                "LEADLOADER_RETRY_MAX_BACKOFF", "200ms");
    }

    static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "com.leadloader.Leadloader"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("CONTACTNOW_") || k.startsWith("LEADLOADER_"));
        builder.environment().putAll(env);
        return builder.start();
    }
}
