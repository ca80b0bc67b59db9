package com.leadloader.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every scenario of one {@code leadloader bench} shares: the row count, the generated files,
 * the throwaway ledger schema (null when no scenario needs one), the loader's heap cap, and where
 * to say what is happening.
 *
 * @param rows    the rows of the full-size scenarios ({@code --rows})
 * @param heapCap the {@code -Xmx} of child loaders, e.g. {@code 256m}
 * @param launch  how child JVMs start {@code leadloader}, after their JVM options ({@link ChildJvm#launch})
 */
record BenchRun(long rows, BenchFiles files, LedgerSchema ledger, String heapCap, List<String> launch,
                PrintWriter progress) {

    private static final Pattern SUMMARY_LINE = Pattern.compile("(?m)^\\s+%s\\s+([\\d,]+)\\s*$");

    void say(String format, Object... args) {
        progress.printf(Locale.ROOT, "bench: " + format + "%n", args);
        progress.flush();
    }

    /** A count from a command's summary ({@code   created   1,000}), or -1 when it printed none. */
    static long count(String output, String label) {
        Matcher m = Pattern.compile(String.format(SUMMARY_LINE.pattern(), Pattern.quote(label))).matcher(output);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    /** The last lines of a child's output, for an error message. */
    static String tail(String output) {
        String[] lines = output.strip().split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(0, lines.length - 6); i < lines.length; i++) {
            b.append(lines[i].strip()).append(i < lines.length - 1 ? " | " : "");
        }
        return b.toString();
    }

    static String mb(long bytes) {
        return bytes < 0 ? "?" : (bytes >> 20) + " MB";
    }
}
