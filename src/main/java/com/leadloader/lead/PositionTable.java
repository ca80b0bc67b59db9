package com.leadloader.lead;

/**
 * An open-addressing map from a 64-bit key hash to a long, about 16 bytes a slot and at most 75%
 * full, so a ten-million-lead run needs a few hundred megabytes at most rather than gigabytes of
 * boxed entries. A slot's key and value sit side by side, so a look-up in a table far larger than the
 * CPU's caches costs one memory read, not two. Not thread-safe.
 */
final class PositionTable {

    private static final long EMPTY = 0;

    /** Key then value, slot by slot. */
    private long[] slots;
    private int size;

    PositionTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 4 / 3)) * 2;
        slots = new long[capacity * 2];
    }

    /** The value stored for a key, or {@code missing}. */
    long get(long key, long missing) {
        long k = key == EMPTY ? 1 : key;
        int mask = capacity() - 1;
        for (int i = slot(k, mask); ; i = (i + 1) & mask) {
            if (slots[2 * i] == k) {
                return slots[2 * i + 1];
            }
            if (slots[2 * i] == EMPTY) {
                return missing;
            }
        }
    }

    /** Stores a value for a key unless it has one; returns the value the key now has. */
    long putIfAbsent(long key, long value) {
        long k = key == EMPTY ? 1 : key; // 0 marks a free slot; folding 0 into 1 costs one in 2^64
        int mask = capacity() - 1;
        for (int i = slot(k, mask); ; i = (i + 1) & mask) {
            if (slots[2 * i] == k) {
                return slots[2 * i + 1];
            }
            if (slots[2 * i] == EMPTY) {
                slots[2 * i] = k;
                slots[2 * i + 1] = value;
                if (++size > capacity() * 3L / 4) {
                    grow();
                }
                return value;
            }
        }
    }

    /**
     * Reads the slots these keys hash to, one after another with nothing depending on each read, so
     * that their cache misses overlap rather than come one a look-up; changes nothing. In a table far
     * larger than the CPU's caches each look-up otherwise waits for memory on its own. Returns what
     * it read, for the caller to keep, so that the reads are not optimised away.
     */
    long touch(long[] keys, int count) {
        long read = 0;
        int mask = capacity() - 1;
        for (int i = 0; i < count; i++) {
            long k = keys[i] == EMPTY ? 1 : keys[i];
            read += slots[2 * slot(k, mask)];
        }
        return read;
    }

    int size() {
        return size;
    }

    private int capacity() {
        return slots.length / 2;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = capacity() - 1;
        for (int j = 0; j < old.length; j += 2) {
            if (old[j] != EMPTY) {
                int i = slot(old[j], mask);
                while (slots[2 * i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[2 * i] = old[j];
                slots[2 * i + 1] = old[j + 1];
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L; // the keys are hashes already; this spreads low bits
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
