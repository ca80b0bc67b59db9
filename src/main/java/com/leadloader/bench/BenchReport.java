package com.leadloader.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints benchmark results as a table for people and one JSON line per result for scripts. */
public final class BenchReport {

    private BenchReport() {
    }

    public static void table(PrintWriter out, List<ScenarioResult> results) {
        String format = "%-28s %10s %8s %10s %9s %8s  %-12s %s%n";
        out.printf(format, "scenario", "rows", "seconds", "rows/s", "peak heap", "vs limit", "target", "result");
        for (ScenarioResult r : results) {
            if (r.error() != null) {
                out.printf(format, r.scenario(), "-", "-", "-", "-", "-", "-", "ERROR: " + r.error());
                continue;
            }
            out.printf(Locale.ROOT, format, r.scenario(), String.format(Locale.ROOT, "%,d", r.rows()),
                    String.format(Locale.ROOT, "%.1f", r.seconds()), String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()),
                    r.peakHeapBytes() < 0 ? "-" : (r.peakHeapBytes() >> 20) + " MB",
                    Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.0f%%", r.ratio() * 100),
                    r.target().isEmpty() ? "-" : r.target(),
                    verdict(r) + (r.note().isEmpty() ? "" : "  (" + r.note() + ")"));
        }
        out.flush();
    }

    private static String verdict(ScenarioResult r) {
        if (r.pass() == null) {
            return "measured";
        }
        return r.pass() ? "PASS" : "MISSED TARGET";
    }

    /** One JSON object, on one line. */
    public static String json(ScenarioResult r) {
        StringBuilder b = new StringBuilder("{");
        field(b, "scenario", r.scenario());
        if (r.error() != null) {
            field(b, "error", r.error());
        } else {
            b.append("\"rows\":").append(r.rows()).append(',');
            b.append("\"seconds\":").append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',');
            b.append("\"rowsPerSecond\":").append(String.format(Locale.ROOT, "%.1f", r.rowsPerSecond())).append(',');
            b.append("\"peakHeapMB\":").append(r.peakHeapBytes() < 0 ? "null"
                    : String.format(Locale.ROOT, "%.1f", r.peakHeapBytes() / 1048576.0)).append(',');
            b.append("\"limitRowsPerSecond\":").append(r.limit() > 0
                    ? String.format(Locale.ROOT, "%.1f", r.limit()) : "null").append(',');
            field(b, "limit", r.limitName());
            b.append("\"ratioToLimit\":").append(Double.isNaN(r.ratio()) ? "null"
                    : String.format(Locale.ROOT, "%.3f", r.ratio())).append(',');
            field(b, "target", r.target());
            b.append("\"pass\":").append(r.pass()).append(',');
            field(b, "note", r.note());
        }
        b.setLength(b.length() - 1);
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append("\",");
    }
}
