package com.leadloader.lead;

/**
 * An open-addressing map from a 64-bit key hash to a long, about 16 bytes a slot and at most 75%
 * full, so a ten-million-lead run needs a few hundred megabytes at most rather than gigabytes of
 * boxed entries. Not thread-safe.
 */
final class PositionTable {

    private static final long EMPTY = 0;

    private long[] keys;
    private long[] values;
    private int size;

    PositionTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 4 / 3)) * 2;
        keys = new long[capacity];
        values = new long[capacity];
    }

    /** The value stored for a key, or {@code missing}. */
    long get(long key, long missing) {
        long k = key == EMPTY ? 1 : key;
        int mask = keys.length - 1;
        for (int i = slot(k, mask); ; i = (i + 1) & mask) {
            if (keys[i] == k) {
                return values[i];
            }
            if (keys[i] == EMPTY) {
                return missing;
            }
        }
    }

    /** Stores a value for a key unless it has one; returns the value the key now has. */
    long putIfAbsent(long key, long value) {
        long k = key == EMPTY ? 1 : key; // 0 marks a free slot; folding 0 into 1 costs one in 2^64
        int mask = keys.length - 1;
        for (int i = slot(k, mask); ; i = (i + 1) & mask) {
            if (keys[i] == k) {
                return values[i];
            }
            if (keys[i] == EMPTY) {
                keys[i] = k;
                values[i] = value;
                if (++size > keys.length * 3L / 4) {
                    grow();
                }
                return value;
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L; // the keys are hashes already; this spreads low bits
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
