package com.leadloader.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One load, as described by a file in {@code jobs/}: where the leads come from, which
 * ContactNow campaign and dataset they go to, and how they are mapped, cleaned and screened.
 *
 * @param name       the job's name (defaults to the spec file's base name); identifies its runs
 * @param source     where rows are read from
 * @param target     the campaign table and dataset leads are created in
 * @param mapping    ContactNow field name to the rule that fills it, in spec order
 * @param phones     phone normalisation and routing
 * @param dedupe     duplicate detection
 * @param suppression numbers and emails never to load
 * @param validation per-lead checks against the campaign's fields
 * @param load       how leads are written to ContactNow
 */
public record JobSpec(
        String name,
        SourceSpec source,
        TargetSpec target,
        Map<String, FieldMapping> mapping,
        PhonesSpec phones,
        DedupeSpec dedupe,
        SuppressionSpec suppression,
        ValidationSpec validation,
        LoadSpec load) {

    public JobSpec {
        mapping = mapping == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        phones = phones == null ? PhonesSpec.defaults() : phones;
        dedupe = dedupe == null ? DedupeSpec.defaults() : dedupe;
        suppression = suppression == null ? SuppressionSpec.none() : suppression;
        validation = validation == null ? ValidationSpec.defaults() : validation;
        load = load == null ? LoadSpec.defaults() : load;
    }
}
