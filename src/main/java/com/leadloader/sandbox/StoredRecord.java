package com.leadloader.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One record, stored compactly: the indexed and derived fields in their own slots, every other
 * value packed into one byte array (field position, length, UTF-8 bytes). Immutable: an update
 * replaces the record.
 */
final class StoredRecord {

    static final byte NEW = 0;
    static final byte CALLBACK = 1;
    static final byte COMPLETE = 2;

    final long id;
    final int dataset;
    final int outcome;
    final byte stage;
    final int loadDay;
    final String marker;
    final String homePhone;
    final String workPhone;
    final String mobilePhone;
    private final byte[] packed;

    StoredRecord(long id, int dataset, int outcome, byte stage, int loadDay, String marker,
            String homePhone, String workPhone, String mobilePhone, Map<Integer, String> extras) {
        this.id = id;
        this.dataset = dataset;
        this.outcome = outcome;
        this.stage = stage;
        this.loadDay = loadDay;
        this.marker = marker;
        this.homePhone = emptyToNull(homePhone);
        this.workPhone = emptyToNull(workPhone);
        this.mobilePhone = emptyToNull(mobilePhone);
        this.packed = pack(extras);
    }

    /**
     * The packed values by field position, in an array of the table's {@code fields}, null where
     * never given: what a read renders and what an update starts from.
     */
    String[] extras(int fields) {
        String[] out = new String[fields];
        int[] pos = {0};
        while (pos[0] < packed.length) {
            int field = readVarint(pos);
            int length = readVarint(pos);
            if (field < fields) {
                out[field] = new String(packed, pos[0], length, StandardCharsets.UTF_8);
            }
            pos[0] += length;
        }
        return out;
    }

    /** One packed value, or null when it was never given. */
    String extra(int fieldIndex) {
        int[] pos = {0};
        while (pos[0] < packed.length) {
            int field = readVarint(pos);
            int length = readVarint(pos);
            if (field == fieldIndex) {
                return new String(packed, pos[0], length, StandardCharsets.UTF_8);
            }
            pos[0] += length;
        }
        return null;
    }

    boolean hasPhone(String phone) {
        return phone.equals(homePhone) || phone.equals(workPhone) || phone.equals(mobilePhone);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static byte[] pack(Map<Integer, String> extras) {
        if (extras.isEmpty()) {
            return new byte[0];
        }
        byte[][] encoded = new byte[extras.size()][];
        int total = 0;
        int i = 0;
        for (Map.Entry<Integer, String> e : extras.entrySet()) {
            encoded[i] = e.getValue().getBytes(StandardCharsets.UTF_8);
            total += varintLength(e.getKey()) + varintLength(encoded[i].length) + encoded[i].length;
            i++;
        }
        byte[] out = new byte[total];
        int[] pos = {0};
        i = 0;
        for (Integer field : extras.keySet()) {
            writeVarint(out, pos, field);
            writeVarint(out, pos, encoded[i].length);
            System.arraycopy(encoded[i], 0, out, pos[0], encoded[i].length);
            pos[0] += encoded[i].length;
            i++;
        }
        return out;
    }

    private static int varintLength(int value) {
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    private static void writeVarint(byte[] out, int[] pos, int value) {
        while ((value & ~0x7F) != 0) {
            out[pos[0]++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[pos[0]++] = (byte) value;
    }

    private int readVarint(int[] pos) {
        int value = 0;
        int shift = 0;
        byte b;
        do {
            b = packed[pos[0]++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }
}
