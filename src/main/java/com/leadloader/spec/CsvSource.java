package com.leadloader.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A CSV source read with Commons CSV.
 *
 * @param path      a file, or a glob such as {@code incoming/leads-*.csv} (files read in name order)
 * @param encoding  the file's character set; a UTF-8 BOM is skipped whatever this says
 * @param delimiter one character, {@code ,} by default
 * @param quote     one character, {@code "} by default
 * @param header    whether the first record names the columns (otherwise they are {@code col1..colN})
 */
public record CsvSource(String path, String encoding, Character delimiter, Character quote, Boolean header) {

    public CsvSource {
        encoding = encoding == null ? "UTF-8" : encoding;
        delimiter = delimiter == null ? ',' : delimiter;
        quote = quote == null ? '"' : quote;
        header = header == null ? Boolean.TRUE : header;
    }

    /** Whether {@code path} is a glob (contains {@code * ? [ {}) rather than one file. */
    public boolean isGlob() {
        return path != null && path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /**
     * The files this source reads, in name order: the one file (if it exists), or every regular
     * file matching the glob. Relative paths are resolved against the current directory.
     */
    public List<Path> files() {
        if (!isGlob()) {
            Path file = Path.of(path);
            return Files.isRegularFile(file) ? List.of(file) : List.of();
        }
        String normalised = path.replace('\\', '/');
        int slash = globSlash(normalised);
        Path base = globBase(normalised);
        String pattern = slash < 0 ? normalised : normalised.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Path root = base.toString().isEmpty() ? Path.of(".") : base;
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(root.relativize(p)))
                    .map(p -> base.toString().isEmpty() ? root.relativize(p) : p)
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).thenComparing(Path::toString))
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * What the ledger and reports call rows of {@code file} (one of {@link #files()}): its name, or,
     * for a glob, its path below the glob's directory ({@code a/leads.csv}), so that two matched files
     * of the same name in different folders are never taken for one.
     */
    public String origin(Path file) {
        if (!isGlob()) {
            return file.getFileName().toString();
        }
        Path base = globBase(path.replace('\\', '/'));
        Path relative;
        if (base.toString().isEmpty()) {
            relative = file.isAbsolute() ? file.getFileName() : file.normalize(); // files() gives them relative to "."
        } else {
            relative = file.startsWith(base) ? base.relativize(file) : file.getFileName();
        }
        return relative.toString().replace('\\', '/');
    }

    /** The index of the last '/' before the glob's first special character, or -1. */
    private static int globSlash(String normalised) {
        int firstGlob = 0;
        while (firstGlob < normalised.length() && "*?[{".indexOf(normalised.charAt(firstGlob)) < 0) {
            firstGlob++;
        }
        return normalised.lastIndexOf('/', firstGlob);
    }

    /** The directory the glob's pattern is matched below ({@code ""}: the current one). */
    private static Path globBase(String normalised) {
        int slash = globSlash(normalised);
        return slash < 0 ? Path.of("") : Path.of(slash == 0 ? "/" : normalised.substring(0, slash));
    }
}
