package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leadloader sandbox} as a user runs it: a child process that serves until SIGTERM. */
class SandboxCommandIT {

    @TempDir
    Path dir;

    @Test
    void servesUntilTerminatedAndNeverPrintsThePassword() throws Exception {
        Path config = dir.resolve("sandbox.yml");
        Files.writeString(config, "users:\n  - {username: rehearsal, password: s3cret-pw}\n");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.leadloader.Leadloader",
                "sandbox", "--port", "0", "--config", config.toString())
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String baseUrl = null;
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.contains("listening on ")) {
                    baseUrl = line.replaceAll(".*listening on (\\S+).*", "$1");
                }
                if (line.startsWith("Press Ctrl-C")) {
                    break;
                }
            }
            assertThat(baseUrl).as(String.join("\n", output)).startsWith("http://127.0.0.1:");
            OkHttpClient client = new OkHttpClient();
            try (Response r = client.newCall(new Request.Builder()
                    .url(baseUrl + "token.php?action=get&username=rehearsal&password=s3cret-pw").build()).execute()) {
                assertThat(r.body().string()).contains("\"success\":true");
            }
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(String.join("\n", output)).contains("user 'rehearsal'").doesNotContain("s3cret-pw");
    }
}
