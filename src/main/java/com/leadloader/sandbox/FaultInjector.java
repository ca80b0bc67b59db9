package com.leadloader.sandbox;

import java.util.Random;

/**
 * Draws one fault per create/update request from a seeded sequence, in arrival order, so the
 * number of each fault over N requests is the same on every run with the same seed.
 */
final class FaultInjector {

    enum Fault { NONE, FAIL_500, FAIL_503, RESET, LOST_AFTER }

    private final Faults faults;
    private final Random random;
    private final FaultCounters counters;

    FaultInjector(Faults faults, FaultCounters counters) {
        this.faults = faults;
        this.random = new Random(faults.seed());
        this.counters = counters;
    }

    synchronized Fault draw() {
        counters.draws.incrementAndGet();
        if (!faults.drawsFaults()) {
            return Fault.NONE;
        }
        double u = random.nextDouble();
        double failBefore = faults.failBeforeRate();
        if (u < failBefore) {
            counters.failedBefore.incrementAndGet();
            return u < failBefore / 2 ? Fault.FAIL_500 : Fault.FAIL_503;
        }
        if (u < failBefore + faults.resetRate()) {
            counters.resets.incrementAndGet();
            return Fault.RESET;
        }
        if (u < failBefore + faults.resetRate() + faults.lostAfterRate()) {
            counters.lostAfter.incrementAndGet();
            return Fault.LOST_AFTER;
        }
        return Fault.NONE;
    }
}
