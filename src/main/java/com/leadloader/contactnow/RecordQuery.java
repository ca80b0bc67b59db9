package com.leadloader.contactnow;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Filters of {@code ecnow_records read}, sent as query parameters. Needs {@code table} or {@code dataset};
 * everything else is optional (null or empty means "not filtered"). Built with {@link #builder()}.
 *
 * @param table    the campaign table
 * @param dataset  the dataset id
 * @param id       one record id
 * @param outcome  outcome codes (sent as a comma list)
 * @param agent    the agent the records are assigned to
 * @param ddi      a phone number matched against HomePhone, WorkPhone and MobilePhone
 * @param search   field to value, sent as {@code search[Field]=value} in this order (wildcard unless exact)
 * @param exact    whether {@code search} matches exactly ({@code type=exact})
 * @param mode     which records by ProcessType
 * @param timetype which time {@code tstart}/{@code tstop} select on
 * @param tstart   start of the time window
 * @param tstop    end of the time window
 */
public record RecordQuery(String table, Integer dataset, Long id, List<Integer> outcome, String agent, String ddi,
                          Map<String, String> search, boolean exact, Mode mode, TimeType timetype,
                          LocalDateTime tstart, LocalDateTime tstop) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The {@code mode} filter: which ProcessType values are read (ecnow-api-guide.md, "Reading data"). */
    public enum Mode {
        /** New Prospect or NEEDSMOREWORK, on HOLD or not. */
        ACTIVE("active"),
        /** New Prospect or NEEDSMOREWORK, not on HOLD. */
        LIVE("live"),
        /** NEEDSMOREWORK, on HOLD or not. */
        CALLBACKS("callbacks"),
        /** NEEDSMOREWORK, not on HOLD. */
        LIVE_CALLBACKS("live-callbacks"),
        /** Anything but EXPIRED. */
        UNEXPIRED("unexpired");

        private final String param;

        Mode(String param) {
            this.param = param;
        }

        /** The value sent as {@code mode=}. */
        public String param() {
            return param;
        }
    }

    /** The {@code timetype} filter: select by callback time or by process date. */
    public enum TimeType {
        CALLBACK, PROCESSDATE;

        /** The value sent as {@code timetype=}. */
        public String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public RecordQuery {
        if ((table == null || table.isBlank()) && dataset == null) {
            throw new IllegalArgumentException("an ecnow_records read needs a table or a dataset");
        }
        outcome = outcome == null ? List.of() : List.copyOf(outcome);
        search = search == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(search));
        if ((tstart != null || tstop != null) && timetype == null) {
            throw new IllegalArgumentException("tstart/tstop need a timetype (CALLBACK or PROCESSDATE)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The query parameters in a stable order: table, dataset, id, outcome, agent, ddi, search[..], type, mode, timetype, tstart, tstop. */
    public Map<String, String> toParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        if (table != null && !table.isBlank()) {
            params.put("table", table);
        }
        if (dataset != null) {
            params.put("dataset", dataset.toString());
        }
        if (id != null) {
            params.put("id", id.toString());
        }
        if (!outcome.isEmpty()) {
            params.put("outcome", outcome.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (agent != null) {
            params.put("agent", agent);
        }
        if (ddi != null) {
            params.put("ddi", ddi);
        }
        search.forEach((field, value) -> params.put("search[" + field + "]", value));
        if (exact) {
            params.put("type", "exact");
        }
        if (mode != null) {
            params.put("mode", mode.param());
        }
        if (timetype != null) {
            params.put("timetype", timetype.param());
        }
        if (tstart != null) {
            params.put("tstart", TIME.format(tstart));
        }
        if (tstop != null) {
            params.put("tstop", TIME.format(tstop));
        }
        return params;
    }

    /** Builds a {@link RecordQuery}; {@link #build()} checks that a table or dataset was given. */
    public static final class Builder {
        private String table;
        private Integer dataset;
        private Long id;
        private final List<Integer> outcome = new ArrayList<>();
        private String agent;
        private String ddi;
        private final Map<String, String> search = new LinkedHashMap<>();
        private boolean exact;
        private Mode mode;
        private TimeType timetype;
        private LocalDateTime tstart;
        private LocalDateTime tstop;

        private Builder() {
        }

        public Builder table(String value) {
            this.table = value;
            return this;
        }

        public Builder dataset(int value) {
            this.dataset = value;
            return this;
        }

        public Builder id(long value) {
            this.id = value;
            return this;
        }

        public Builder outcome(Integer... codes) {
            this.outcome.addAll(List.of(codes));
            return this;
        }

        public Builder agent(String value) {
            this.agent = value;
            return this;
        }

        public Builder ddi(String value) {
            this.ddi = value;
            return this;
        }

        /** Adds {@code search[field]=value}; a search on {@code id} makes the server ignore the others. */
        public Builder search(String field, String value) {
            this.search.put(field, value);
            return this;
        }

        /** Makes the search fields match exactly instead of as wildcards. */
        public Builder exact() {
            this.exact = true;
            return this;
        }

        public Builder mode(Mode value) {
            this.mode = value;
            return this;
        }

        /** Selects records whose {@code timetype} time lies between start and stop (either may be null). */
        public Builder between(TimeType type, LocalDateTime start, LocalDateTime stop) {
            this.timetype = type;
            this.tstart = start;
            this.tstop = stop;
            return this;
        }

        public RecordQuery build() {
            return new RecordQuery(table, dataset, id, outcome, agent, ddi, search, exact, mode, timetype, tstart,
                    tstop);
        }
    }
}
