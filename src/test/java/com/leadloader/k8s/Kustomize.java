package com.leadloader.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real kustomize: a {@code kustomize} binary, or the one built
 * into {@code kubectl} ({@code kubectl kustomize}), whichever is on the PATH.
 */
final class Kustomize {

    private final List<String> command;

    private Kustomize(List<String> command) {
        this.command = command;
    }

    /** The kustomize on this machine, if any. */
    static Optional<Kustomize> find() {
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return Optional.of(new Kustomize(List.of(kustomize.get().toString(), "build")));
        }
        return onPath("kubectl").map(kubectl -> new Kustomize(List.of(kubectl.toString(), "kustomize")));
    }

    /** The rendered YAML stream, or an exception carrying kustomize's own error message. */
    String build(Path dir) {
        List<String> args = new ArrayList<>(command);
        args.add(dir.toString());
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", args) + " did not finish within 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new RenderException(String.join(" ", args) + " failed: "
                            + Files.readString(err, StandardCharsets.UTF_8).strip());
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** kustomize refused a kustomization (a missing file, a patch without a target, ...). */
    static final class RenderException extends RuntimeException {
        RenderException(String message) {
            super(message);
        }
    }
}
