package com.leadloader.source;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An insertion-ordered map nobody can change: what {@link SourceRow} and a lead keep. Its keys are
 * a {@link Keys} shared by every map with the same keys in the same order (every row of a file,
 * every lead of a mapping), its values one array, so a row costs one array and not a hash table of
 * its own, and a step can look a field up by its position. Behaves as an unmodifiable
 * {@link LinkedHashMap} in every way a caller can see.
 */
public final class FixedMap<K, V> extends AbstractMap<K, V> {

    @SuppressWarnings("rawtypes")
    private static final FixedMap EMPTY = new FixedMap<>(Keys.of(List.of()), new Object[0]);

    private final Keys<K> keys;
    private final Object[] values;
    private Set<Entry<K, V>> entries;

    private FixedMap(Keys<K> keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** The map itself when it is already fixed, else a fixed copy of it. */
    @SuppressWarnings("unchecked")
    public static <K, V> FixedMap<K, V> copyOf(Map<K, V> map) {
        if (map instanceof FixedMap<K, V> fixed) {
            return fixed;
        }
        if (map.isEmpty()) {
            return (FixedMap<K, V>) EMPTY;
        }
        Object[] names = new Object[map.size()];
        Object[] values = new Object[names.length];
        int i = 0;
        for (Entry<K, V> e : map.entrySet()) {
            names[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return new FixedMap<>(Keys.intern(names), values);
    }

    /**
     * A map of these keys to these values, position by position; the array becomes the map's, so the
     * caller must not change it afterwards.
     *
     * @throws IllegalArgumentException when there are not as many values as keys
     */
    public static <K, V> FixedMap<K, V> of(Keys<K> keys, V[] values) {
        if (values.length != keys.size()) {
            throw new IllegalArgumentException(values.length + " values for " + keys.size() + " keys");
        }
        return new FixedMap<>(keys, values);
    }

    /** The keys, shared with every map built with them. */
    public Keys<K> keys() {
        return keys;
    }

    /** The value at a position of {@link #keys()}. */
    @SuppressWarnings("unchecked")
    public V valueAt(int index) {
        return (V) values[index];
    }

    @Override
    public V get(Object key) {
        int i = keys.indexOf(key);
        return i < 0 ? null : valueAt(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return keys.indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        Set<Entry<K, V>> set = entries;
        if (set == null) {
            set = new AbstractSet<>() {
                @Override
                public Iterator<Entry<K, V>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < values.length;
                        }

                        @Override
                        public Entry<K, V> next() {
                            if (next >= values.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(keys.name(i), valueAt(i));
                        }
                    };
                }

                @Override
                public int size() {
                    return values.length;
                }
            };
            entries = set;
        }
        return set;
    }

    /**
     * The keys of fixed maps, in order, with their positions; one instance for every map with the same
     * keys, so that what is worked out from the names (which are phone fields, say) is worked out
     * once and kept here with {@link #derive}. Immutable; thread-safe.
     */
    public static final class Keys<K> {

        /** Key lists seen so far; a source or a mapping has one, so a few suffice. */
        private static final Map<List<Object>, Keys<?>> INTERNED = new ConcurrentHashMap<>();
        private static final int MAX_INTERNED = 1024;

        private final Object[] names;
        private final Map<Object, Integer> positions;
        private final Map<Object, Object> derived = new ConcurrentHashMap<>();

        private Keys(Object[] names) {
            this.names = names;
            this.positions = new HashMap<>(names.length * 4 / 3 + 1);
            for (int i = 0; i < names.length; i++) {
                if (positions.putIfAbsent(names[i], i) != null) {
                    throw new IllegalArgumentException("the key '" + names[i] + "' is given twice");
                }
            }
        }

        /**
         * The keys with these names, in this order.
         *
         * @throws IllegalArgumentException when a name is given twice
         */
        public static <K> Keys<K> of(List<K> names) {
            return intern(names.toArray());
        }

        @SuppressWarnings("unchecked")
        private static <K> Keys<K> intern(Object[] names) {
            List<Object> list = Arrays.asList(names);
            Keys<?> known = INTERNED.get(list);
            if (known != null) {
                return (Keys<K>) known;
            }
            Keys<K> keys = new Keys<>(names);
            if (INTERNED.size() < MAX_INTERNED) {
                Keys<?> raced = INTERNED.putIfAbsent(list, keys);
                return raced == null ? keys : (Keys<K>) raced;
            }
            return keys;
        }

        public int size() {
            return names.length;
        }

        @SuppressWarnings("unchecked")
        public K name(int index) {
            return (K) names[index];
        }

        /** The position of a key, or -1 when these keys do not have it. */
        public int indexOf(Object key) {
            Integer i = positions.get(key);
            return i == null ? -1 : i;
        }

        /**
         * By position, whether each key passes {@code test}, worked out once for each {@code slot} and
         * kept (see {@link #derive}); the array is shared, so never change it.
         */
        public boolean[] flags(Object slot, java.util.function.Predicate<K> test) {
            return derive(slot, k -> {
                boolean[] flags = new boolean[k.size()];
                for (int i = 0; i < flags.length; i++) {
                    flags[i] = k.name(i) != null && test.test(k.name(i));
                }
                return flags;
            });
        }

        /**
         * What {@code compute} makes of these keys, computed once for each {@code slot} and kept. The
         * result must depend on the names only, as every map with these names shares it.
         */
        @SuppressWarnings("unchecked")
        public <T> T derive(Object slot, Function<Keys<K>, T> compute) {
            Object value = derived.get(slot);
            if (value == null) {
                value = compute.apply(this);
                Object raced = derived.putIfAbsent(slot, value);
                value = raced == null ? value : raced;
            }
            return (T) value;
        }

        @Override
        public String toString() {
            return Arrays.toString(names);
        }
    }
}
