package com.leadloader.batch;

import com.leadloader.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code leadloader run SPEC} as a real separate process on this test's classpath, against a
 * sandbox and a job repository of the test's choosing; stdout and stderr go to files.
 */
final class LeadloaderProcess {

    private LeadloaderProcess() {
    }

    static Process run(String dbUrl, SandboxServer sandbox, Path spec, Path stdout, Path stderr,
                       Map<String, String> extraEnv) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.leadloader.Leadloader",
                "run", spec.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (stderr == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(stderr.toFile());
        }
        builder.redirectOutput(stdout.toFile());
        Map<String, String> env = builder.environment();
        env.put("LEADLOADER_DB_URL", dbUrl);
        env.put("CONTACTNOW_BASEURL", sandbox.baseUrl());
        env.put("CONTACTNOW_USERNAME", "sandbox");
        env.put("CONTACTNOW_PASSWORD", "sandbox");
        env.put("LEADLOADER_RETRY_FIRST_BACKOFF", "5ms");
        env.remove("LOGGING_STRUCTURED_FORMAT_CONSOLE");
        env.putAll(extraEnv);
        return builder.start();
    }
}
