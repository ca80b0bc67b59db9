package com.leadloader.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Holds every record by id (ids are dense, so a paged array), with a hash index on the three
 * phone numbers and a case-insensitive sorted index on the marker field for prefix ranges.
 * A look-up costs time in proportion to what it returns, not to the number of records held.
 * The phone index is built on the first look-up by phone and kept from then on: a load never
 * asks by phone, and indexing two numbers a record was about a seventh of the sandbox's CPU in an
 * end-to-end benchmark (docs/benchmark.md, Finding 28).
 * Not thread-safe for writes: {@link SandboxStore} guards it with its read-write lock, and
 * look-ups under the read lock build the phone index under this object's monitor.
 */
final class RecordIndex {

    private static final int PAGE_BITS = 16;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;

    private final long firstId;
    private final List<StoredRecord[]> pages = new ArrayList<>();
    private int count;
    /** phone -> Integer slot or int[] slots; null until the first look-up by phone. */
    private Map<String, Object> byPhone;
    /**
     * marker value in lower case -> Integer slot or int[] slots. Lower-cased once a record, rather than
     * compared case-insensitively: a million markers sharing long prefixes made those comparisons
     * a twentieth of the sandbox's time in the end-to-end benchmark.
     */
    private final NavigableMap<String, Object> byMarker = new TreeMap<>();

    RecordIndex(long firstId) {
        this.firstId = firstId;
    }

    int count() {
        return count;
    }

    long nextId() {
        return firstId + count;
    }

    /** Adds a record whose id is {@link #nextId()}. */
    void append(StoredRecord record) {
        int slot = count;
        if ((slot & (PAGE_SIZE - 1)) == 0) {
            pages.add(new StoredRecord[PAGE_SIZE]);
        }
        pages.get(slot >>> PAGE_BITS)[slot & (PAGE_SIZE - 1)] = record;
        count++;
        indexPhones(record, slot, true);
        if (record.marker != null) {
            byMarker.merge(lower(record.marker), slot, (old, ignored) -> add(old, slot));
        }
    }

    /** Replaces a record by one with the same id. */
    void replace(StoredRecord old, StoredRecord updated) {
        int slot = slot(old.id);
        indexPhones(old, slot, false);
        if (old.marker != null) {
            removeKey(byMarker, lower(old.marker), slot);
        }
        pages.get(slot >>> PAGE_BITS)[slot & (PAGE_SIZE - 1)] = updated;
        indexPhones(updated, slot, true);
        if (updated.marker != null) {
            byMarker.merge(lower(updated.marker), slot, (o, ignored) -> add(o, slot));
        }
    }

    StoredRecord get(long id) {
        long slot = id - firstId;
        if (slot < 0 || slot >= count) {
            return null;
        }
        return pages.get((int) (slot >>> PAGE_BITS))[(int) (slot & (PAGE_SIZE - 1))];
    }

    synchronized List<StoredRecord> withPhone(String phone) {
        if (byPhone == null) {
            byPhone = new HashMap<>();
            for (int slot = 0; slot < count; slot++) {
                indexPhones(pages.get(slot >>> PAGE_BITS)[slot & (PAGE_SIZE - 1)], slot, true);
            }
        }
        List<StoredRecord> out = new ArrayList<>();
        collect(byPhone.get(phone), out);
        out.removeIf(r -> !r.hasPhone(phone));
        return out;
    }

    /** Records whose marker starts with the prefix, ignoring case, in marker order. */
    List<StoredRecord> withMarkerPrefix(String prefix) {
        List<StoredRecord> out = new ArrayList<>();
        String from = lower(prefix);
        NavigableMap<String, Object> range = from.isEmpty()
                ? byMarker : byMarker.subMap(from, true, from + Character.MAX_VALUE, false);
        for (Object slots : range.values()) {
            collect(slots, out);
        }
        return out;
    }

    /** Records whose marker equals the value, ignoring case. */
    List<StoredRecord> withMarker(String value) {
        List<StoredRecord> out = new ArrayList<>();
        collect(byMarker.get(lower(value)), out);
        return out;
    }

    void forEach(Consumer<StoredRecord> action) {
        for (int slot = 0; slot < count; slot++) {
            action.accept(pages.get(slot >>> PAGE_BITS)[slot & (PAGE_SIZE - 1)]);
        }
    }

    private static String lower(String marker) {
        return marker.toLowerCase(Locale.ROOT);
    }

    private int slot(long id) {
        return (int) (id - firstId);
    }

    /** Adds the record's numbers to the phone index, or removes them; nothing until it is built. */
    private void indexPhones(StoredRecord record, int slot, boolean add) {
        if (byPhone == null) {
            return;
        }
        String[] phones = {record.homePhone, record.workPhone, record.mobilePhone};
        for (int i = 0; i < phones.length; i++) {
            String phone = phones[i];
            if (phone == null || (i > 0 && phone.equals(phones[0])) || (i > 1 && phone.equals(phones[1]))) {
                continue;
            }
            if (add) {
                byPhone.merge(phone, slot, (old, ignored) -> add(old, slot));
            } else {
                removeKey(byPhone, phone, slot);
            }
        }
    }

    private void collect(Object slots, List<StoredRecord> out) {
        if (slots == null) {
            return;
        }
        if (slots instanceof Integer slot) {
            out.add(pages.get(slot >>> PAGE_BITS)[slot & (PAGE_SIZE - 1)]);
            return;
        }
        for (int slot : (int[]) slots) {
            out.add(pages.get(slot >>> PAGE_BITS)[slot & (PAGE_SIZE - 1)]);
        }
    }

    private static Object add(Object existing, int slot) {
        if (existing instanceof Integer one) {
            return new int[] {one, slot};
        }
        int[] many = (int[]) existing;
        int[] grown = Arrays.copyOf(many, many.length + 1);
        grown[many.length] = slot;
        return grown;
    }

    private static void removeKey(Map<String, Object> map, String key, int slot) {
        Object existing = map.get(key);
        if (existing instanceof Integer one) {
            if (one == slot) {
                map.remove(key);
            }
        } else if (existing instanceof int[] many) {
            int[] kept = Arrays.stream(many).filter(s -> s != slot).toArray();
            if (kept.length == 0) {
                map.remove(key);
            } else {
                map.put(key, kept.length == 1 ? Integer.valueOf(kept[0]) : kept);
            }
        }
    }
}
