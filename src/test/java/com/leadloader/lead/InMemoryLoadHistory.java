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

    record Load(String scope, String key, Instant at, String description, long execution, boolean failed) {
    }

    record Lookup(String scope, List<String> keys, Instant since) {
    }

    private final List<Load> loads = new ArrayList<>();
    final List<Lookup> lookups = new ArrayList<>();

    void loaded(String scope, String key, Instant at, String description) {
        loads.add(new Load(scope, key, at, description, 0, false));
    }

    /** A lead of execution {@code execution} that was not created after retries: it still holds its key. */
    void failed(String scope, String key, Instant at, String description, long execution) {
        loads.add(new Load(scope, key, at, description, execution, true));
    }

    @Override
    public Map<String, Prior> findLoaded(String scope, Collection<String> keys, Instant since) {
        lookups.add(new Lookup(scope, List.copyOf(keys), since));
        Map<String, Prior> found = new LinkedHashMap<>();
        Map<String, Load> first = new HashMap<>();
        for (Load load : loads) {
            if (load.scope.equals(scope) && keys.contains(load.key) && (since == null || !load.at.isBefore(since))) {
                first.putIfAbsent(load.key, load);
            }
        }
        first.forEach((key, load) -> found.put(key, new Prior(load.description, load.execution, load.failed)));
        return found;
    }
}
