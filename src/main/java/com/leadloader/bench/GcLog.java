package com.leadloader.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a child JVM's {@code -Xlog:gc,gc+heap+exit} file for the most heap it ever held. Heap
 * occupancy is highest just before a collection, and the log states it there
 * ({@code 115M->40M(256M)}: 115 MB before); the exit line adds the heap in use at the end. The
 * peak is the largest of those: what the process really needed under its cap, garbage included.
 */
final class GcLog {

    /** The JVM options that write the log this class reads. */
    static List<String> options(Path log) {
        return List.of("-Xlog:gc,gc+heap+exit:file=" + log);
    }

    private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern EXIT = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    /** Peak heap occupancy and the largest heap still live after a collection, in bytes. */
    record Heap(long peakBytes, long maxLiveBytes, int collections) {
    }

    static Heap read(Path log) throws IOException {
        long peak = -1;
        long live = -1;
        int collections = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher pause = PAUSE.matcher(line);
            if (line.contains("Pause") && pause.find()) {
                collections++;
                peak = Math.max(peak, bytes(pause.group(1), pause.group(2)));
                live = Math.max(live, bytes(pause.group(3), pause.group(4)));
                continue;
            }
            Matcher exit = EXIT.matcher(line);
            if (exit.find()) {
                peak = Math.max(peak, Long.parseLong(exit.group(1)) * 1024);
            }
        }
        return new Heap(peak, live, collections);
    }

    private static long bytes(String amount, String unit) {
        long n = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }

    private GcLog() {
    }
}
