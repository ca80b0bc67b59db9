package com.leadloader.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code leadloader sandbox --port 0} in a process of its own, so that the records it holds do
 * not count against the loader's heap. Ready once it prints its "listening on" line.
 */
final class SandboxProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final String baseUrl;
    private final Thread reaper;

    private SandboxProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.reaper = ChildJvm.reaper(process);
    }

    /**
     * Starts a sandbox, as {@code launch} says ({@link ChildJvm#launch}), adding {@code latencyMillis}
     * to every request; its output after the banner goes to {@code log}.
     */
    static SandboxProcess start(List<String> launch, long latencyMillis, Path log) throws IOException {
        List<String> command = new ArrayList<>(ChildJvm.command(launch, List.of()));
        command.addAll(List.of("sandbox", "--port", "0", "--latency-ms", Long.toString(latencyMillis)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                drain(out, log);
                return new SandboxProcess(process, m.group(1));
            }
        }
        process.destroyForcibly();
        throw new IOException("the sandbox process stopped before it listened:\n" + seen);
    }

    /** Keeps reading the sandbox's output so that it never blocks on a full pipe. */
    private static void drain(BufferedReader out, Path log) {
        Thread drainer = new Thread(() -> {
            try (var writer = java.nio.file.Files.newBufferedWriter(log)) {
                for (String line; (line = out.readLine()) != null; ) {
                    writer.write(line);
                    writer.newLine();
                }
            } catch (IOException e) {
                // the process ended; nothing more to read
            }
        }, "sandbox-output");
        drainer.setDaemon(true);
        drainer.start();
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(reaper);
        process.destroy(); // SIGTERM: the sandbox's shutdown hook closes it cleanly
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
