package com.leadloader.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarFile;

/**
 * Runs {@code leadloader} in a JVM of its own, with the heap cap and GC log the benchmark asks
 * for: from the same classpath as this process, or from the packaged jar extracted ({@link #launch}).
 */
final class ChildJvm {

    private static final String MAIN_CLASS = "com.leadloader.Leadloader";

    /**
     * A finished child: exit code, wall time, what it printed and the heap it needed;
     * {@code startedAtMillis} is the wall-clock time it was started at.
     */
    record Result(int exitCode, double seconds, String output, GcLog.Heap heap, long startedAtMillis) {
    }

    private ChildJvm() {
    }

    /**
     * How children start {@code leadloader}, after the JVM options: from this process's classpath
     * when it runs from classes (an IDE, the tests), and when it runs from the packaged jar, from that
     * jar extracted into {@code workDir/app} with Spring Boot's {@code -Djarmode=tools extract}: the
     * application's classes and libraries unpacked on the class path, as the container image runs
     * them. Loading classes from the jars nested in the packaged jar made each child start 1-3 s
     * later on two cores (docs/benchmark.md, Finding 38). Should extracting fail, children run the
     * packaged jar itself, and {@code say} is told why.
     */
    static List<String> launch(Path workDir, Consumer<String> say) throws IOException, InterruptedException {
        String classpath = System.getProperty("java.class.path");
        if (!isExecutableJar(classpath)) {
            return List.of("-cp", classpath, MAIN_CLASS);
        }
        Path app = workDir.resolve("app");
        Path log = workDir.resolve("app-extract.log");
        Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", classpath, "extract",
                "--destination", app.toString(), "--force")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = extract.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            extract.destroyForcibly();
        }
        Path jar = app.resolve(Path.of(classpath).getFileName());
        if (done && extract.exitValue() == 0 && Files.isRegularFile(jar)) {
            return List.of("-jar", jar.toString());
        }
        String why = done ? "exit " + extract.exitValue() : "no answer in 5 minutes";
        say.accept("could not extract " + classpath + " (" + why + ", log: " + log
                + "); children run the packaged jar, and start 1-3 s later");
        return List.of("-jar", classpath);
    }

    /**
     * The command that starts {@code leadloader} as {@code launch} says ({@link #launch}) with these
     * JVM options, before its own arguments.
     */
    static List<String> command(List<String> launch, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(launch);
        return command;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
     * Runs {@code leadloader args}, started as {@code launch} says, with the heap cap, waits for it
     * (at most {@code timeoutMinutes}) and reads its GC log.
     */
    static Result run(List<String> launch, String maxHeap, List<String> args, Map<String, String> env, Path workDir,
                      String label, long timeoutMinutes) throws IOException, InterruptedException {
        Path gcLog = workDir.resolve(label + "-gc.log");
        Path output = workDir.resolve(label + ".log");
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + maxHeap));
        jvm.addAll(GcLog.options(gcLog));
        List<String> command = command(launch, jvm);
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
