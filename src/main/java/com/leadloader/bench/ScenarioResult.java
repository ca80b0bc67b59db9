package com.leadloader.bench;

/**
 * One measured line of the benchmark.
 *
 * @param scenario    the scenario and variant, e.g. {@code api-bound c200x4}
 * @param rows        rows (leads, records) it handled
 * @param seconds     the time it is judged by
 * @param peakHeapBytes the most heap the measured process held, or -1 when not measured
 * @param limit       the rate that bounds it (rows/s), or 0 when it has none
 * @param limitName   what the limit is, e.g. {@code bare CSV parse} or {@code 4 x 200 / 100 ms}
 * @param target      the target as a sentence ({@code >= 50% of limit}), or empty when informational
 * @param pass        whether it met the target; null when it has none
 * @param note        what else a reader needs, e.g. the time of the step alone
 * @param error       why the scenario could not be measured, or null
 */
public record ScenarioResult(String scenario, long rows, double seconds, long peakHeapBytes, double limit, String limitName,
                      String target, Boolean pass, String note, String error) {

    static ScenarioResult failed(String scenario, String error) {
        return new ScenarioResult(scenario, 0, 0, -1, 0, "", "", null, "", error);
    }

    public double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }

    /** The measured rate as a share of its limit, or NaN when it has none. */
    public double ratio() {
        return limit > 0 ? rowsPerSecond() / limit : Double.NaN;
    }
}
