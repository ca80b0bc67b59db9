package com.leadloader.sandbox;

import java.util.Map;
import java.util.Set;

/**
 * The filters of an {@code ecnow_records read}, as the guide lists them. {@code search} maps a
 * field name to a value matched as a prefix with {@code *}/{@code %} wildcards, or exactly
 * (ignoring case) when {@code exact}.
 */
record ReadQuery(String table, Integer dataset, Set<Long> ids, Set<Integer> outcomes, String agent, String ddi,
        Map<String, String> search, boolean exact, String mode, String timetype, String tstart, String tstop) {
}
