package com.leadloader.lead;

import com.leadloader.ledger.LoadHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A load history kept in memory, recording the lookups made of it. */
final class InMemoryLoadHistory implements LoadHistory {

    record Load(String scope, String key, Instant at, String description) {
    }

    record Lookup(String scope, List<String> keys, Instant since) {
    }

    private final List<Load> loads = new ArrayList<>();
    final List<Lookup> lookups = new ArrayList<>();

    void loaded(String scope, String key, Instant at, String description) {
        loads.add(new Load(scope, key, at, description));
    }

    @Override
    public Map<String, String> findLoaded(String scope, Collection<String> keys, Instant since) {
        lookups.add(new Lookup(scope, List.copyOf(keys), since));
        Map<String, String> found = new LinkedHashMap<>();
        Map<String, Load> first = new HashMap<>();
        for (Load load : loads) {
            if (load.scope.equals(scope) && keys.contains(load.key) && (since == null || !load.at.isBefore(since))) {
                first.putIfAbsent(load.key, load);
            }
        }
        first.forEach((key, load) -> found.put(key, load.description));
        return found;
    }
}
