package com.leadloader.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * Runs {@code leadloader} in a JVM of its own, with the heap cap and GC log the benchmark asks
 * for: from the same classpath as this process, or through the launcher of the packaged jar.
 */
final class ChildJvm {

    /**
     * A finished child: exit code, wall time, what it printed and the heap it needed;
     * {@code startedAtMillis} is the wall-clock time it was started at.
     */
    record Result(int exitCode, double seconds, String output, GcLog.Heap heap, long startedAtMillis) {
    }

    private ChildJvm() {
    }

    /** The command that starts {@code leadloader} with these JVM options, before its own arguments. */
    static List<String> command(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        String classpath = System.getProperty("java.class.path");
        if (isExecutableJar(classpath)) {
            command.add("-jar");
            command.add(classpath);
        } else {
            command.add("-cp");
            command.add(classpath);
            command.add("com.leadloader.Leadloader");
        }
        return command;
    }

    /** Whether this process runs from the packaged jar ({@code java -jar leadloader.jar}): its classes are nested inside. */
    private static boolean isExecutableJar(String classpath) {
        if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classpath)) {
            return jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** A shutdown hook that ends the child if the benchmark itself is stopped (Ctrl-C), so none is left behind. */
    static Thread reaper(Process process) {
        Thread reaper = new Thread(process::destroyForcibly, "bench-child-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        return reaper;
    }

    /**
     * Runs {@code leadloader args} with the heap cap, waits for it (at most {@code timeoutMinutes})
     * and reads its GC log.
     */
    static Result run(String maxHeap, List<String> args, Map<String, String> env, Path workDir, String label,
                      long timeoutMinutes) throws IOException, InterruptedException {
        Path gcLog = workDir.resolve(label + "-gc.log");
        Path output = workDir.resolve(label + ".log");
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + maxHeap));
        jvm.addAll(GcLog.options(gcLog));
        List<String> command = command(jvm);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        long startedAt = System.currentTimeMillis();
        long started = System.nanoTime();
        Process process = builder.start();
        Thread reaper = reaper(process);
        try {
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                throw new IOException(label + ": leadloader " + String.join(" ", args) + " did not finish in "
                        + timeoutMinutes + " minutes (log: " + output + ")");
            }
        } finally {
            process.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(process.exitValue(), seconds, Files.readString(output), GcLog.read(gcLog), startedAt);
    }
}
