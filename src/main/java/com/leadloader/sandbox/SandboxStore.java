package com.leadloader.sandbox;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

/**
 * The sandbox's state: campaign tables, datasets, records, outcome codes and tokens.
 * Thread-safe (one read-write lock); record look-ups by id, phone and marker prefix are indexed.
 * Tests use the public methods to inspect records and to change the world mid-run.
 */
public final class SandboxStore {

    static final String LIVE_INFO = "Record is LIVE on the dialer.";
    static final String NOT_LIVE_INFO = "Record NOT live on the dialer.";
    static final String COMPLETE_INFO = "Record is NOT live on the dialer due having a complete outcome.";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Set<String> MODES = Set.of("active", "live", "callbacks", "live-callbacks", "unexpired");

    /** A dataset's mutable state, guarded by the store's lock. */
    private static final class DatasetRow {
        final int id;
        final TableSchema schema;
        String description;
        String status;
        int priority;
        long qid;
        String notes;
        long count;
        long expireAtCount = -1;

        DatasetRow(int id, TableSchema schema, String description, String status, int priority, long qid, String notes) {
            this.id = id;
            this.schema = schema;
            this.description = description;
            this.status = status;
            this.priority = priority;
            this.qid = qid;
            this.notes = notes;
        }

        DatasetState state() {
            return new DatasetState(id, schema.name, description, status, priority, qid, notes, count);
        }
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final String accountId;
    private final Map<String, TableSchema> tables = new LinkedHashMap<>();
    private final Map<Integer, DatasetRow> datasets = new LinkedHashMap<>();
    private final Map<Integer, OutcomeCodeConfig> outcomes = new LinkedHashMap<>();
    private final RecordIndex records;
    private final TokenRegistry tokens;
    private final Clock clock;

    SandboxStore(SandboxConfig config, Clock clock) {
        this.accountId = config.accountId();
        this.clock = clock;
        config.tables().forEach(t -> tables.put(t.name().toLowerCase(Locale.ROOT), new TableSchema(t)));
        for (DatasetConfig d : config.datasets()) {
            datasets.put(d.id(), new DatasetRow(d.id(), table(d.table()), d.description(), d.status(), d.priority(),
                    d.qid(), d.notes()));
        }
        config.outcomeCodes().forEach(o -> outcomes.put(o.code(), o));
        this.records = new RecordIndex(config.firstRecordId());
        this.tokens = new TokenRegistry(config.users(), config.tokenTtlSeconds(), clock);
    }

    // ---- public inspection and control, for tests and reports ----

    /** How many records are held, in every table. */
    public int recordCount() {
        return read(records::count);
    }

    /** The records of one dataset, in id order, with the table's canonical field names. */
    public List<Map<String, String>> records(int datasetId) {
        return read(() -> {
            List<Map<String, String>> out = new ArrayList<>();
            records.forEach(r -> {
                if (r.dataset == datasetId) {
                    out.add(render(r));
                }
            });
            return out;
        });
    }

    /** One record by id, with canonical field names. */
    public Optional<Map<String, String>> record(long id) {
        return read(() -> Optional.ofNullable(records.get(id)).map(this::render));
    }

    /** How many records hold exactly this value (case-sensitive) in the field named (case-insensitively). */
    public long countWhere(String field, String value) {
        return read(() -> {
            boolean allMarker = tables.values().stream().allMatch(t -> t.index(field) == t.marker);
            if (allMarker && value != null && !value.isEmpty()) {
                return records.withMarker(value).stream().filter(r -> value.equals(r.marker)).count();
            }
            long[] n = {0};
            records.forEach(r -> {
                TableSchema schema = datasets.get(r.dataset).schema;
                int index = schema.index(field);
                if (index >= 0 && java.util.Objects.equals(value, value(r, index))) {
                    n[0]++;
                }
            });
            return n[0];
        });
    }

    /** A dataset's current state; throws IllegalArgumentException when there is no such dataset. */
    public DatasetState datasetStatus(int id) {
        return read(() -> dataset(id).state());
    }

    /** Every dataset, in the order they were configured or created. */
    public List<DatasetState> datasets() {
        return read(() -> datasets.values().stream().map(DatasetRow::state).toList());
    }

    /** Sets a dataset's status (LIVE, HOLD or EXPIRED); its records' ProcessType follows. */
    public void setDatasetStatus(int id, String status) {
        String s = status.toUpperCase(Locale.ROOT);
        if (!DatasetConfig.STATUSES.contains(s)) {
            throw new IllegalArgumentException("status must be LIVE, HOLD or EXPIRED");
        }
        write(() -> {
            dataset(id).status = s;
            return null;
        });
    }

    /** Expires the dataset as soon as it holds {@code records} records (counting those already in it). */
    public void expireDatasetAfterRecords(int id, long records) {
        write(() -> {
            DatasetRow row = dataset(id);
            row.expireAtCount = records;
            if (row.count >= records) {
                row.status = "EXPIRED";
            }
            return null;
        });
    }

    /** Forgets every token issued: the next call with one answers {@code Unknown token}. */
    /**
     * Forgets every token issued each time another {@code records} records have been created
     * (0 turns it off): a rehearsal of tokens that stop working mid-load, independent of speed.
     */
    public void revokeTokensEvery(long every) {
        write(() -> {
            revokeEvery = every;
            nextRevokeAt = every <= 0 ? Long.MAX_VALUE : records.count() + every;
            return null;
        });
    }

    private long revokeEvery;
    private long nextRevokeAt = Long.MAX_VALUE;

    public void revokeTokens() {
        tokens.revokeAll();
    }

    /** Changes (or adds) an API user's password; tokens already issued stay valid. */
    public void setPassword(String username, String newPassword) {
        tokens.setPassword(username, newPassword);
    }

    /** Changes the lifetime of tokens issued from now on. */
    public void setTokenTtlSeconds(long seconds) {
        tokens.setTtlSeconds(seconds);
    }

    /**
     * Every token the sandbox has issued since it started, expired and revoked ones included, so a
     * test can check that none of them leaked into a log or a report.
     */
    public Set<String> issuedTokens() {
        return tokens.everIssued();
    }

        // ---- operations behind the endpoints ----

    String accountId() {
        return accountId;
    }

    TokenRegistry tokens() {
        return tokens;
    }

    List<String> tableNames() {
        return tables.values().stream().map(t -> t.name).toList();
    }

    TableSchema table(String name) {
        TableSchema schema = tables.get(name.toLowerCase(Locale.ROOT));
        if (schema == null) {
            throw new ApiError("Campaign table [" + name + "] does not exist.");
        }
        return schema;
    }

    List<OutcomeCodeConfig> outcomeCodes() {
        return List.copyOf(outcomes.values());
    }

    /** Creates records; refused rows are counted, the last refusal's reason reported. Never deduplicates. */
    WriteResult create(String tableParam, List<Map<String, String>> rows) {
        TableSchema only = tableParam == null ? null : table(tableParam);
        return write(() -> {
            int total = 0;
            int bad = 0;
            long key = 0;
            String error = null;
            String info = null;
            for (Map<String, String> row : rows) {
                try {
                    StoredRecord created = createOne(only, row);
                    records.append(created);
                    DatasetRow dataset = datasets.get(created.dataset);
                    dataset.count++;
                    if (this.records.count() >= nextRevokeAt) {
                        nextRevokeAt += revokeEvery;
                        tokens.revokeAll();
                    }
                    if (dataset.expireAtCount >= 0 && dataset.count >= dataset.expireAtCount) {
                        dataset.status = "EXPIRED";
                    }
                    total++;
                    key = created.id;
                    info = info(created, dataset);
                } catch (ApiError e) {
                    bad++;
                    error = e.getMessage();
                }
            }
            return new WriteResult(total, bad, key, error, info);
        });
    }

    /** Updates records matched by id and dataset (or table). */
    WriteResult update(String tableParam, List<Map<String, String>> rows) {
        TableSchema only = tableParam == null ? null : table(tableParam);
        return write(() -> {
            int total = 0;
            int bad = 0;
            String error = null;
            String info = null;
            for (Map<String, String> row : rows) {
                try {
                    StoredRecord updated = updateOne(only, row);
                    total++;
                    info = info(updated, datasets.get(updated.dataset));
                } catch (ApiError e) {
                    bad++;
                    error = e.getMessage();
                }
            }
            return new WriteResult(total, bad, 0, error, info);
        });
    }

    /** Records matching the filters, in id order. */
    List<Map<String, String>> read(ReadQuery q) {
        if (q.table() == null && q.dataset() == null) {
            throw new ApiError("A table or dataset is required.");
        }
        if (q.mode() != null && !MODES.contains(q.mode())) {
            throw new ApiError("Unknown mode [" + q.mode() + "].");
        }
        if (q.timetype() != null && !q.timetype().equals("callback") && !q.timetype().equals("processdate")) {
            throw new ApiError("Unknown timetype [" + q.timetype() + "].");
        }
        return read(() -> {
            TableSchema schema = q.table() == null ? null : table(q.table());
            if (q.dataset() != null) {
                DatasetRow d = datasets.get(q.dataset());
                if (d == null || (schema != null && d.schema != schema)) {
                    throw new ApiError("Dataset [" + q.dataset() + "] does not exist.");
                }
                schema = d.schema;
            }
            TableSchema table = schema;
            for (String field : q.search().keySet()) {
                if (!field.equalsIgnoreCase("phone") && table.index(field) < 0) {
                    throw new ApiError("Unknown search field [" + field + "].");
                }
            }
            RecordFilter filter = new RecordFilter(q, table);
            List<StoredRecord> found = new ArrayList<>();
            for (StoredRecord r : candidates(q, table)) {
                if (r != null && filter.matches(r)) {
                    found.add(r);
                }
            }
            found.sort(Comparator.comparingLong(r -> r.id));
            List<Map<String, String>> out = new ArrayList<>(found.size());
            found.forEach(r -> out.add(render(r)));
            return out;
        });
    }

    List<Map<String, String>> readDatasets(Map<String, String> filters) {
        return read(() -> {
            Set<String> qids = filters.get("qid") == null ? null : Set.of(filters.get("qid").split("\\s*,\\s*"));
            List<Map<String, String>> out = new ArrayList<>();
            for (DatasetRow d : datasets.values()) {
                if (mismatch(filters.get("dataset"), String.valueOf(d.id))
                        || mismatch(filters.get("state"), d.status)
                        || mismatch(filters.get("table"), d.schema.name)
                        || mismatch(filters.get("description"), d.description)
                        || (qids != null && !qids.contains(String.valueOf(d.qid)))) {
                    continue;
                }
                Map<String, String> m = new LinkedHashMap<>();
                m.put("dataset", String.valueOf(d.id));
                m.put("qid", String.valueOf(d.qid));
                m.put("d_status", d.status);
                m.put("d_priority", String.valueOf(d.priority));
                m.put("notes", d.notes);
                m.put("callbacks", "none");
                m.put("crm_account", "0");
                m.put("crm_campaign", "");
                m.put("description", d.description);
                m.put("locked", "0");
                m.put("table", d.schema.name);
                m.put("reccount", String.valueOf(d.count));
                out.add(m);
            }
            return out;
        });
    }

    WriteResult createDatasets(List<Map<String, String>> rows) {
        return write(() -> {
            int total = 0;
            int bad = 0;
            long key = 0;
            String error = null;
            for (Map<String, String> raw : rows) {
                Map<String, String> row = lowerKeys(raw);
                try {
                    if (blank(row.get("table"))) {
                        throw new ApiError("A table is required.");
                    }
                    TableSchema schema = table(row.get("table"));
                    String status = status(row.getOrDefault("d_status", "HOLD"));
                    int priority = priority(row.getOrDefault("d_priority", "0"));
                    long qid = number(row.getOrDefault("qid", "0"), "qid");
                    int id = datasets.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
                    datasets.put(id, new DatasetRow(id, schema, row.getOrDefault("description", ""), status, priority,
                            qid, row.getOrDefault("notes", "")));
                    total++;
                    key = id;
                } catch (ApiError e) {
                    bad++;
                    error = e.getMessage();
                }
            }
            return new WriteResult(total, bad, key, error, null);
        });
    }

    WriteResult updateDatasets(List<Map<String, String>> rows) {
        return write(() -> {
            int total = 0;
            int bad = 0;
            String error = null;
            for (Map<String, String> raw : rows) {
                Map<String, String> row = lowerKeys(raw);
                try {
                    if (blank(row.get("dataset"))) {
                        throw new ApiError("A dataset is required.");
                    }
                    DatasetRow d = existingDataset(row.get("dataset"));
                    String status = row.get("d_status") == null ? d.status : status(row.get("d_status"));
                    if (d.status.equals("EXPIRED") && !status.equals("EXPIRED")) {
                        throw new ApiError("Dataset [" + d.id + "] is EXPIRED.");
                    }
                    int priority = row.get("d_priority") == null ? d.priority : priority(row.get("d_priority"));
                    long qid = row.get("qid") == null ? d.qid : number(row.get("qid"), "qid");
                    d.status = status;
                    d.priority = priority;
                    d.qid = qid;
                    d.description = row.getOrDefault("description", d.description);
                    d.notes = row.getOrDefault("notes", d.notes);
                    total++;
                } catch (ApiError e) {
                    bad++;
                    error = e.getMessage();
                }
            }
            return new WriteResult(total, bad, 0, error, null);
        });
    }

    // ---- records ----

    private StoredRecord createOne(TableSchema only, Map<String, String> row) {
        String datasetText = firstPresent(row, "dataset", "datasetid");
        if (blank(datasetText)) {
            throw new ApiError("No dataset supplied.");
        }
        DatasetRow dataset = existingDataset(datasetText);
        if (dataset.status.equals("EXPIRED")) {
            throw new ApiError("Dataset [" + dataset.id + "] is EXPIRED.");
        }
        TableSchema schema = dataset.schema;
        if (only != null && only != schema) {
            throw new ApiError("Dataset [" + dataset.id + "] is not in campaign table [" + only.name + "].");
        }
        String[] values = new String[schema.size()];
        int outcome = SandboxConfig.NEW_OUTCOME;
        String notesAppend = null;
        for (Map.Entry<String, String> e : row.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (e.getKey().equalsIgnoreCase("notes_append")) {
                notesAppend = e.getValue();
                continue;
            }
            int index = schema.index(e.getKey());
            if (index < 0 || schema.systemManaged(index)) {
                continue; // unknown fields are ignored, as the vendor's stack does (API note, decision 4)
            }
            if (index == schema.outcomecode) {
                outcome = outcome(e.getValue());
            } else {
                values[index] = schema.fit(index, e.getValue().trim().isEmpty() ? "" : e.getValue());
            }
        }
        requirePhone(values, schema);
        if (notesAppend != null && schema.notes >= 0) {
            String notes = values[schema.notes];
            values[schema.notes] = blank(notes) ? notesAppend : notes + "\n" + notesAppend;
        }
        int loadDay = (int) LocalDate.now(clock).toEpochDay();
        return build(records.nextId(), dataset.id, outcome, loadDay, values, schema);
    }

    private StoredRecord updateOne(TableSchema only, Map<String, String> row) {
        String idText = firstPresent(row, "id");
        if (blank(idText)) {
            throw new ApiError("No record id supplied.");
        }
        String datasetText = firstPresent(row, "dataset", "datasetid");
        if (blank(datasetText) && only == null) {
            throw new ApiError("A dataset or table is required.");
        }
        long id;
        try {
            id = Long.parseLong(idText.trim());
        } catch (NumberFormatException e) {
            throw new ApiError("Record id [" + idText + "] does not exist.");
        }
        StoredRecord old = records.get(id);
        DatasetRow dataset = old == null ? null : datasets.get(old.dataset);
        boolean datasetMatches = blank(datasetText) || (dataset != null && datasetText.trim().equals(String.valueOf(dataset.id)));
        if (old == null || !datasetMatches || (only != null && dataset.schema != only)) {
            throw new ApiError("Record id [" + idText.trim() + "] does not exist.");
        }
        if (dataset.status.equals("EXPIRED")) {
            throw new ApiError("Dataset [" + dataset.id + "] is EXPIRED.");
        }
        TableSchema schema = dataset.schema;
        String[] values = old.extras(schema.size());
        values[schema.homePhone] = old.homePhone;
        values[schema.workPhone] = old.workPhone;
        values[schema.mobilePhone] = old.mobilePhone;
        values[schema.marker] = old.marker;
        int outcome = old.outcome;
        String notesAppend = null;
        for (Map.Entry<String, String> e : row.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (e.getKey().equalsIgnoreCase("notes_append")) {
                notesAppend = e.getValue();
                continue;
            }
            int index = schema.index(e.getKey());
            if (index < 0 || schema.systemManaged(index)) {
                continue;
            }
            if (index == schema.outcomecode) {
                outcome = outcome(e.getValue());
                if (schema.processDate >= 0) {
                    values[schema.processDate] = LocalDateTime.now(clock).format(DATE_TIME);
                }
            } else {
                values[index] = schema.fit(index, e.getValue());
            }
        }
        requirePhone(values, schema);
        if (notesAppend != null && schema.notes >= 0) {
            String notes = values[schema.notes];
            values[schema.notes] = blank(notes) ? notesAppend : notes + "\n" + notesAppend;
        }
        StoredRecord updated = build(old.id, old.dataset, outcome, old.loadDay, values, schema);
        records.replace(old, updated);
        return updated;
    }

    private StoredRecord build(long id, int dataset, int outcome, int loadDay, String[] values, TableSchema schema) {
        Map<Integer, String> extras = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && !schema.dedicatedSlot(i)) {
                extras.put(i, values[i]);
            }
        }
        OutcomeCodeConfig code = outcomes.get(outcome);
        byte stage = code != null && code.isComplete() ? StoredRecord.COMPLETE
                : outcome == SandboxConfig.NEW_OUTCOME ? StoredRecord.NEW : StoredRecord.CALLBACK;
        String marker = blank(values[schema.marker]) ? null : values[schema.marker];
        return new StoredRecord(id, dataset, outcome, stage, loadDay, marker, values[schema.homePhone],
                values[schema.workPhone], values[schema.mobilePhone], extras);
    }

    private static void requirePhone(String[] values, TableSchema schema) {
        if (blank(values[schema.homePhone]) && blank(values[schema.workPhone]) && blank(values[schema.mobilePhone])) {
            throw new ApiError("No phone number supplied.");
        }
    }

    private int outcome(String text) {
        int code;
        try {
            code = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ApiError("Outcome code [" + text + "] does not exist.");
        }
        if (!outcomes.containsKey(code)) {
            throw new ApiError("Outcome code [" + code + "] does not exist.");
        }
        return code;
    }

    private String info(StoredRecord r, DatasetRow dataset) {
        if (r.stage == StoredRecord.COMPLETE) {
            return COMPLETE_INFO;
        }
        return dataset.status.equals("LIVE") ? LIVE_INFO : NOT_LIVE_INFO;
    }

    private Iterable<StoredRecord> candidates(ReadQuery q, TableSchema table) {
        String searchId = q.search().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("id"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (searchId != null) {
            return single(searchId);
        }
        if (!q.ids().isEmpty()) {
            return q.ids().stream().map(records::get).toList();
        }
        if (q.ddi() != null) {
            return records.withPhone(q.ddi());
        }
        for (Map.Entry<String, String> e : q.search().entrySet()) {
            if (table.index(e.getKey()) == table.marker) {
                if (q.exact()) {
                    return records.withMarker(e.getValue());
                }
                String literal = RecordFilter.literalPrefix(e.getValue());
                if (!literal.isEmpty()) {
                    return records.withMarkerPrefix(literal);
                }
            }
            if (e.getKey().equalsIgnoreCase("phone") && q.exact()) {
                return records.withPhone(e.getValue());
            }
        }
        List<StoredRecord> all = new ArrayList<>();
        records.forEach(all::add);
        return all;
    }

    private List<StoredRecord> single(String idText) {
        try {
            StoredRecord r = records.get(Long.parseLong(idText.trim()));
            return r == null ? List.of() : List.of(r);
        } catch (NumberFormatException e) {
            return List.of();
        }
    }

    /** The read filters applied to one record (all but the candidate look-up). */
    private final class RecordFilter {
        private final ReadQuery q;
        private final TableSchema table;
        private final Map<Integer, Pattern> patterns = new HashMap<>();
        private final Pattern phonePattern;
        private final boolean byId;

        RecordFilter(ReadQuery q, TableSchema table) {
            this.q = q;
            this.table = table;
            this.byId = q.search().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("id"));
            Pattern phone = null;
            for (Map.Entry<String, String> e : q.search().entrySet()) {
                Pattern p = pattern(e.getValue(), q.exact());
                if (e.getKey().equalsIgnoreCase("phone")) {
                    phone = p;
                } else {
                    patterns.put(table.index(e.getKey()), p);
                }
            }
            this.phonePattern = phone;
        }

        boolean matches(StoredRecord r) {
            DatasetRow d = datasets.get(r.dataset);
            if (d.schema != table || (q.dataset() != null && r.dataset != q.dataset())) {
                return false;
            }
            if (!q.ids().isEmpty() && !q.ids().contains(r.id)) {
                return false;
            }
            if (!q.outcomes().isEmpty() && !q.outcomes().contains(r.outcome)) {
                return false;
            }
            if (q.agent() != null && table.agentRef >= 0 && !q.agent().equals(value(r, table.agentRef))) {
                return false;
            }
            if (q.ddi() != null && !r.hasPhone(q.ddi())) {
                return false;
            }
            if (!byId && !searchMatches(r)) {
                return false;
            }
            if (q.mode() != null && !modeMatches(processType(r, d))) {
                return false;
            }
            return q.timetype() == null || timeMatches(r);
        }

        private boolean searchMatches(StoredRecord r) {
            for (Map.Entry<Integer, Pattern> e : patterns.entrySet()) {
                String v = value(r, e.getKey());
                if (!e.getValue().matcher(v == null ? "" : v).matches()) {
                    return false;
                }
            }
            if (phonePattern != null) {
                return matchesPhone(r.homePhone) || matchesPhone(r.workPhone) || matchesPhone(r.mobilePhone);
            }
            return true;
        }

        private boolean matchesPhone(String phone) {
            return phone != null && phonePattern.matcher(phone).matches();
        }

        private boolean modeMatches(String processType) {
            // The guide's definitions, verbatim (ecnow-api-guide.md, "Reading data from ecnow_records").
            return switch (q.mode()) {
                case "active" -> Set.of("HOLD: New Prospect", "New Prospect", "HOLD: NEEDSMOREWORK", "NEEDSMOREWORK")
                        .contains(processType);
                case "live" -> Set.of("NEEDSMOREWORK", "New Prospect").contains(processType);
                case "callbacks" -> Set.of("HOLD: NEEDSMOREWORK", "NEEDSMOREWORK").contains(processType);
                case "live-callbacks" -> processType.equals("NEEDSMOREWORK");
                default -> !processType.equals("EXPIRED");
            };
        }

        private boolean timeMatches(StoredRecord r) {
            int index = q.timetype().equals("callback") ? table.callback : table.processDate;
            String v = index < 0 ? null : value(r, index);
            if (v == null) {
                return false;
            }
            if (q.tstart() != null && v.compareTo(bound(q.tstart(), " 00:00:00")) < 0) {
                return false;
            }
            return q.tstop() == null || v.compareTo(bound(q.tstop(), " 23:59:59")) <= 0;
        }

        private static String bound(String t, String timeOfDay) {
            String trimmed = t.trim();
            return trimmed.length() == 10 ? trimmed + timeOfDay : trimmed;
        }

        /** The characters of a search value before its first wildcard. */
        static String literalPrefix(String value) {
            int cut = value.length();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '*' || c == '%') {
                    cut = i;
                    break;
                }
            }
            return value.substring(0, cut);
        }

        /** Exact (ignoring case), or a prefix match where * and % stand for any run of characters. */
        private static Pattern pattern(String value, boolean exact) {
            if (exact) {
                return Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            }
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (char c : value.toCharArray()) {
                if (c == '*' || c == '%') {
                    if (!literal.isEmpty()) {
                        regex.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    regex.append(".*");
                } else {
                    literal.append(c);
                }
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal.toString()));
            }
            regex.append(".*");
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        }
    }

    // ---- rendering ----

    private Map<String, String> render(StoredRecord r) {
        DatasetRow d = datasets.get(r.dataset);
        TableSchema schema = d.schema;
        String[] extras = r.extras(schema.size());
        Map<String, String> out = new LinkedHashMap<>(schema.size() * 4 / 3 + 1);
        for (int i = 0; i < schema.size(); i++) {
            String v = schema.dedicatedSlot(i) ? value(r, d, i) : extras[i];
            out.put(schema.fieldName(i), v == null ? defaultValue(schema, i) : v);
        }
        return out;
    }

    /** One field's value as read returns it; null for a nullable field never given. */
    private String value(StoredRecord r, int index) {
        return value(r, datasets.get(r.dataset), index);
    }

    private String value(StoredRecord r, DatasetRow d, int index) {
        TableSchema s = d.schema;
        String v;
        if (index == s.id) {
            v = String.valueOf(r.id);
        } else if (index == s.datasetid) {
            v = String.valueOf(r.dataset);
        } else if (index == s.processType) {
            v = processType(r, d);
        } else if (index == s.outcomecode) {
            v = String.valueOf(r.outcome);
        } else if (index == s.homePhone) {
            v = r.homePhone;
        } else if (index == s.workPhone) {
            v = r.workPhone;
        } else if (index == s.mobilePhone) {
            v = r.mobilePhone;
        } else if (index == s.marker) {
            v = r.marker;
        } else if (index == s.loaddate) {
            v = LocalDate.ofEpochDay(r.loadDay).toString();
        } else if (index == s.sourcefile) {
            v = "api_data_" + r.dataset + ".dat";
        } else {
            v = r.extra(index);
        }
        return v == null ? defaultValue(s, index) : v;
    }

    private static String defaultValue(TableSchema s, int index) {
        CampaignFieldConfig f = s.fields.get(index);
        return f.nullable() ? null : f.defaultValue();
    }

    private static String processType(StoredRecord r, DatasetRow d) {
        if (d.status.equals("EXPIRED")) {
            return "EXPIRED";
        }
        if (r.stage == StoredRecord.COMPLETE) {
            return "COMPLETE";
        }
        String base = r.stage == StoredRecord.NEW ? "New Prospect" : "NEEDSMOREWORK";
        return d.status.equals("HOLD") ? "HOLD: " + base : base;
    }

    // ---- small helpers ----

    private DatasetRow dataset(int id) {
        DatasetRow d = datasets.get(id);
        if (d == null) {
            throw new IllegalArgumentException("no dataset " + id);
        }
        return d;
    }

    private DatasetRow existingDataset(String text) {
        try {
            DatasetRow d = datasets.get(Integer.parseInt(text.trim()));
            if (d != null) {
                return d;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as an unknown number
        }
        throw new ApiError("Dataset [" + text.trim() + "] does not exist.");
    }

    private static String status(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (!DatasetConfig.STATUSES.contains(s)) {
            throw new ApiError("Dataset status [" + text + "] must be HOLD, LIVE or EXPIRED.");
        }
        return s;
    }

    private static int priority(String text) {
        long p = number(text, "d_priority");
        if (p < 0 || p > 90) {
            throw new ApiError("Dataset priority [" + text + "] must be between 0 and 90.");
        }
        return (int) p;
    }

    private static long number(String text, String name) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ApiError("Value [" + text + "] of " + name + " is not a number.");
        }
    }

    private static boolean mismatch(String filter, String actual) {
        return filter != null && !filter.isBlank() && !filter.trim().equalsIgnoreCase(actual);
    }

    private static String firstPresent(Map<String, String> row, String... names) {
        for (String name : names) {
            for (Map.Entry<String, String> e : row.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    private static Map<String, String> lowerKeys(Map<String, String> row) {
        Map<String, String> out = new HashMap<>();
        row.forEach((k, v) -> {
            if (v != null) {
                out.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private <T> T read(java.util.function.Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(java.util.function.Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
