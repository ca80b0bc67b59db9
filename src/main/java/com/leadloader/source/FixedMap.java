package com.leadloader.source;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An insertion-ordered map nobody can change: what {@link SourceRow} and a lead keep, so that a copy
 * of one (a lead with a warning, a status) shares it instead of copying every value again. Behaves
 * as an unmodifiable {@link LinkedHashMap} in every way a caller can see.
 */
public final class FixedMap<K, V> extends AbstractMap<K, V> {

    private final Map<K, V> view;

    private FixedMap(LinkedHashMap<K, V> map) {
        this.view = Collections.unmodifiableMap(map);
    }

    @SuppressWarnings("rawtypes")
    private static final FixedMap EMPTY = new FixedMap<>(new LinkedHashMap<>());

    /** The map itself when it is already fixed, else a fixed copy of it. */
    @SuppressWarnings("unchecked")
    public static <K, V> FixedMap<K, V> copyOf(Map<K, V> map) {
        if (map instanceof FixedMap<K, V> fixed) {
            return fixed;
        }
        if (map.isEmpty()) {
            return (FixedMap<K, V>) EMPTY;
        }
        return new FixedMap<>(new LinkedHashMap<>(map));
    }

    /** Fixes a map just built without copying it: the caller must drop every reference it holds to it. */
    public static <K, V> FixedMap<K, V> adopt(LinkedHashMap<K, V> built) {
        return new FixedMap<>(built);
    }

    @Override
    public V get(Object key) {
        return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return view.containsKey(key);
    }

    @Override
    public int size() {
        return view.size();
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return view.entrySet();
    }

    @Override
    public Set<K> keySet() {
        return view.keySet();
    }

    @Override
    public java.util.Collection<V> values() {
        return view.values();
    }
}
