package com.leadloader.ledger;

import com.leadloader.lead.Lead;
import com.leadloader.lead.LeadStatus;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the {@code lead_ledger} table. Every write commits in its own transaction,
 * independent of the step's chunk transaction: a pending row must be durable before its request
 * is sent, so that a killed run can be reconciled by marker.
 */
public class LedgerRepository implements LoadHistory {

    private static final Logger log = LoggerFactory.getLogger(LedgerRepository.class);
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() { };
    private static final String COLUMNS = "id, job_name, job_instance_id, job_execution_id, scope_key, dedupe_key,"
            + " origin, source_position, marker, state, contactnow_key, reason_code, message, duplicate_of,"
            + " attempts, source_values, fields, created_at, updated_at";
    private static final String INSERT = "insert into lead_ledger (job_name, job_instance_id, job_execution_id,"
            + " scope_key, dedupe_key, claim_key, origin, source_position, marker, state, reason_code, message,"
            + " duplicate_of, attempts, source_values, fields, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * The same insert on PostgreSQL as one statement over arrays, a column each: the run's columns
     * and the timestamps are one value for every row of a call ({@link #insertArgs}), the rest are
     * {@code unnest}ed in row order. Against the batched insert (rewritten to multi-row VALUES) it
     * took a third less PostgreSQL CPU and wall time per row for a claim's 800 rows.
     */
    private static final String INSERT_ARRAYS = "insert into lead_ledger (job_name, job_instance_id,"
            + " job_execution_id, scope_key, dedupe_key, claim_key, origin, source_position, marker, state,"
            + " reason_code, message, duplicate_of, attempts, source_values, fields, created_at, updated_at)"
            + " select ?, ?, ?, ?, r.dedupe_key, r.claim_key, r.origin, r.source_position, r.marker, r.state,"
            + " r.reason_code, r.message, r.duplicate_of, r.attempts, r.source_values, r.fields, ?, ?"
            + " from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[],"
            + " ?::varchar[], ?::varchar[], ?::varchar[], ?::integer[], ?::text[], ?::text[])"
            + " as r(dedupe_key, claim_key, origin, source_position, marker, state, reason_code, message,"
            + " duplicate_of, attempts, source_values, fields)";
    /** Of {@link #INSERT}'s parameters, the first four and the last two are the same for every row of a call. */
    private static final int ROW_COLUMNS_FROM = 4;
    private static final int ROW_COLUMNS_TO = 16;
    private static final String[] ROW_COLUMN_TYPES = {"varchar", "varchar", "varchar", "int8", "varchar", "varchar",
        "varchar", "varchar", "varchar", "int4", "text", "text"};
    private static final String MARK_CREATED = "update lead_ledger set state = 'CREATED',"
            + " contactnow_key = ?, reason_code = null, job_execution_id = ?, updated_at = ? where marker = ?";
    /**
     * {@link #MARK_CREATED} on PostgreSQL for a whole key read in one statement: a batch of 5,000
     * single-row updates took twice the PostgreSQL CPU and wall time of this join (each still an
     * index look-up by marker and a HOT update).
     */
    private static final String MARK_CREATED_ARRAYS = "update lead_ledger l set state = 'CREATED',"
            + " contactnow_key = k.contactnow_key, reason_code = null, job_execution_id = ?, updated_at = ?"
            + " from unnest(?::varchar[], ?::bigint[]) as k(marker, contactnow_key) where l.marker = k.marker";
    /**
     * {@link #MARK_CREATED_ARRAYS} answering the first and last heap page its rows' new versions
     * are on, for {@link #prune}. PostgreSQL 14 and later ({@code min}/{@code max} of {@code tid}).
     */
    private static final String MARK_CREATED_ARRAYS_PAGES = "with updated as (" + MARK_CREATED_ARRAYS
            + " returning l.ctid) select (min(ctid)::text::point)[0]::bigint, (max(ctid)::text::point)[0]::bigint"
            + " from updated";
    /** Reads every row of a range of heap pages (a TID range scan), which prunes each page it reads. */
    private static final String READ_PAGES = "select count(*) from lead_ledger where ctid >= ?::tid and ctid < ?::tid";
    private static final int MAX_MESSAGE = 4000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;
    private final DataFieldMaxValueIncrementer chunkIds;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;
    private final boolean postgres;
    /** Whether the database can scan a range of heap pages by {@code ctid} (PostgreSQL 14 and later). */
    private final boolean tidRanges;
    /** The pages of the last key update, until the next one prunes them. */
    private final AtomicReference<PageRange> unpruned = new AtomicReference<>();

    /** The first and last heap page a key update's new row versions are on, and how many rows it updated. */
    private record PageRange(long first, long last, int rows) {
    }

    public LedgerRepository(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        int postgresVersion = postgresVersion(dataSource);
        this.postgres = postgresVersion > 0;
        this.tidRanges = postgresVersion >= 14;
        this.chunkIds = postgres
                ? new PostgresSequenceMaxValueIncrementer(dataSource, "ledger_chunk_seq")
                : new H2SequenceMaxValueIncrementer(dataSource, "ledger_chunk_seq");
        this.clock = clock;
    }

    /** The PostgreSQL server's major version, or 0 when the ledger is on another database. */
    private static int postgresVersion(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            var metaData = connection.getMetaData();
            return metaData.getDatabaseProductName().toLowerCase().contains("postgres")
                    ? metaData.getDatabaseMajorVersion() : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the ledger database: " + e.getMessage(), e);
        }
    }

    /**
     * Refreshes the database's statistics of the ledger. The dedupe look-ups ({@code claim_key = any(...)}
     * within a scope) only use their index well when the planner knows how big the table
     * is; a large load grows it faster than autovacuum (if any) analyses it. On PostgreSQL only the
     * columns the ledger's queries select on are analysed: the JSON of source values and fields
     * made up about half the time of an {@code analyze}, and no plan depends on it. Best effort: a
     * database that refuses is only logged.
     */
    public void refreshStatistics() {
        try {
            jdbc.execute(postgres ? "analyze lead_ledger (job_instance_id, source_position, origin, scope_key,"
                    + " claim_key, marker, state, job_execution_id, created_at)" : "analyze lead_ledger");
        } catch (DataAccessException e) {
            log.debug("cannot analyse lead_ledger: {}", e.getMessage());
        }
    }

    /** A fresh number of this database's sequence, for a group of requests' marker prefix. */
    private long nextChunkId() {
        return chunkIds.nextLongValue();
    }

    /** Random characters of each marker group's own tag: 36^5, about 6 x 10^7 tags. */
    private static final int GROUP_TAG_LENGTH = 5;
    private final SecureRandom tags = new SecureRandom();

    /**
     * The marker prefix of a new group of requests, {@code LL<ledger>-<group>-<tag>.}: the group a
     * number from this database's sequence, the tag random. A copy of this ledger (a restored backup,
     * a copied data directory) has its name and counts its groups alike, so without the tag the two
     * would hand out the same markers, and each take the other's records in ContactNow for its own.
     */
    public String nextGroupPrefix() {
        return "LL" + ledgerId() + "-" + Long.toString(nextChunkId(), 36) + "-" + randomName(tags, GROUP_TAG_LENGTH) + ".";
    }

    private static String randomName(SecureRandom random, int length) {
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(Character.forDigit(random.nextInt(36), 36));
        }
        return name.toString();
    }

    /**
     * Locks the run named {@code key} for this process until the lock is closed. On the embedded
     * database (not PostgreSQL) it also locks the database for this one loader, and only when this
     * process serves the database ({@link EmbeddedLoaderLock}).
     *
     * @throws RunLock.HeldElsewhere   when another process is loading the same run now (any run, on the embedded database)
     * @throws RunLock.ServedElsewhere when another process keeps the embedded database open
     */
    public RunLock lockRun(String key) {
        if (postgres) {
            return RunLock.take(jdbc.getDataSource(), key, true, now());
        }
        // The embedded database lives in the process that opened it first, and goes when that process
        // ends: a loader beside it, or one that is its client, would lose its connections mid-run.
        // One loader at a time, and only the one that serves the database.
        RunLock embedded = new EmbeddedLoaderLock(jdbc.getDataSource(), () -> ownConnection(jdbc.getDataSource()))
                .take(now());
        try {
            return RunLock.take(jdbc.getDataSource(), key, false, now()).inside(embedded);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /**
     * A connection to the embedded database outside the pool, opened as the pool opens its own: in
     * this process, it is local to the database whenever this process has the database open.
     */
    private static Connection ownConnection(DataSource dataSource) throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            if (hikari.getDataSource() != null) {
                return hikari.getDataSource().getConnection();
            }
            return DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        }
        return dataSource.getConnection();
    }

    /** Where the ledger is, for a message: an embedded database's file, or a server URL without its options. */
    static String where(DataSource dataSource) {
        String url = dataSource instanceof HikariDataSource hikari ? hikari.getJdbcUrl() : null;
        if (url == null) {
            return "the configured database";
        }
        if (url.startsWith("jdbc:h2:file:")) {
            String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
            return Path.of(file + ".mv.db").toAbsolutePath().normalize().toString();
        }
        return url.split("[?;]", 2)[0]; // options may carry a password
    }

    /** Characters of a ledger's name: 36^8, about 2.8 x 10^12 names. */
    private static final int LEDGER_ID_LENGTH = 8;
    private volatile String ledgerId;

    /**
     * This ledger's own random name (8 lower-case letters and digits), chosen and stored the first
     * time it is asked for and the same ever after. Every load marker starts with it, so markers of
     * two ledgers never meet in one ContactNow table even though both count their groups from 1.
     */
    public String ledgerId() {
        String id = ledgerId;
        if (id == null) {
            synchronized (this) {
                if (ledgerId == null) {
                    ledgerId = storedOrNewLedgerId();
                }
                id = ledgerId;
            }
        }
        return id;
    }

    private String storedOrNewLedgerId() {
        List<String> stored = jdbc.queryForList("select ledger_id from ledger_identity where singleton = 1", String.class);
        if (!stored.isEmpty()) {
            return stored.get(0);
        }
        String id = randomName(new SecureRandom(), LEDGER_ID_LENGTH);
        try {
            jdbc.update("insert into ledger_identity (singleton, ledger_id, created_at) values (1, ?, ?)",
                    id, now());
            if (jdbc.queryForList("select 1 from lead_ledger fetch first 1 rows only").isEmpty()) {
                log.warn("the ledger at {} is new: it knows of no earlier load, so leads loaded through another"
                        + " ledger (another data directory, LEADLOADER_DB_URL) are not recognised as loaded before",
                        where(jdbc.getDataSource()));
            }
            return id;
        } catch (DuplicateKeyException anotherLoaderWasFirst) {
            return jdbc.queryForObject("select ledger_id from ledger_identity where singleton = 1", String.class);
        }
    }

    /**
     * The highest source position this job instance holds a row for, or -1 when it holds none (a
     * first run): a restart's writer need look for rows it recorded before only up to there.
     */
    public long lastPosition(long jobInstanceId) {
        Long last = jdbc.queryForObject("select max(source_position) from lead_ledger where job_instance_id = ?",
                Long.class, jobInstanceId);
        return last == null ? -1 : last;
    }

    /** The rows this job instance already holds for these leads' source positions (a restart). */
    public Map<String, LedgerEntry> existing(long jobInstanceId, List<Lead> leads) {
        if (leads.isEmpty()) {
            return Map.of();
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (Lead lead : leads) {
            min = Math.min(min, lead.row().position());
            max = Math.max(max, lead.row().position());
            wanted.add(rowKey(lead.row().origin(), lead.row().position()));
        }
        // One range query per chunk (a chunk's rows are consecutive), filtered to the chunk's rows.
        Map<String, LedgerEntry> found = new HashMap<>();
        jdbc.query("select " + COLUMNS + " from lead_ledger where job_instance_id = ? and source_position between ? and ?",
                rs -> {
                    String key = rowKey(rs.getString("origin"), rs.getLong("source_position"));
                    if (wanted.contains(key)) {
                        found.put(key, mapEntry(rs));
                    }
                }, jobInstanceId, min, max);
        return found;
    }

    /** The key {@link #existing} results are indexed by. */
    public static String rowKey(String origin, long position) {
        return origin + '\u0000' + position;
    }

    /** Records leads that will not be sent (bad, duplicate, suppressed), with their source columns. */
    public void recordRejected(RunRef run, List<Lead> leads) {
        if (leads.isEmpty()) {
            return;
        }
        LocalDateTime now = now();
        List<Object[]> rows = new ArrayList<>(leads.size());
        for (Lead lead : leads) {
            rows.add(insertArgs(run, lead, null, null, stateOf(lead.status()), lead.reasonCode(), lead.message(),
                    lead.duplicateOf(), json.writeValueAsString(lead.row().values()), null, now));
        }
        tx.executeWithoutResult(status -> insert(rows));
    }

    /**
     * Claims these valid leads' dedupe keys in the run's scope and records them PENDING with their
     * markers, committed before anything is sent. A lead whose key is already claimed (by an earlier
     * run, or by another loader a moment ago) is recorded DUPLICATE instead. Claims older than
     * {@code since} are released first, so a within-days window lets a lead load again.
     *
     * @return the leads that now hold their claim and must be sent
     */
    public List<MarkedLead> claim(RunRef run, List<MarkedLead> leads, Instant since) {
        if (leads.isEmpty()) {
            return List.of();
        }
        try {
            tx.executeWithoutResult(status -> {
                releaseStaleClaims(run.scopeKey(), leads, since);
                insert(pendingRows(run, leads));
            });
            return leads;
        } catch (DuplicateKeyException conflict) {
            // Another run holds some of the keys: settle each lead on its own.
            List<MarkedLead> claimed = new ArrayList<>();
            for (MarkedLead lead : leads) {
                if (claimOne(run, lead, since)) {
                    claimed.add(lead);
                }
            }
            return claimed;
        }
    }

    private boolean claimOne(RunRef run, MarkedLead marked, Instant since) {
        try {
            tx.executeWithoutResult(status -> {
                releaseStaleClaims(run.scopeKey(), List.of(marked), since);
                insert(pendingRows(run, List.of(marked)));
            });
            return true;
        } catch (DuplicateKeyException conflict) {
            Lead lead = marked.lead();
            if (!existing(run.jobInstanceId(), List.of(lead)).isEmpty()) {
                return false; // already recorded by this run (a restart raced us): nothing to send
            }
            Prior prior = findLoaded(run.scopeKey(), List.of(lead.dedupeKey()), null).get(lead.dedupeKey());
            String first = prior == null ? "an earlier load" : prior.where();
            Lead duplicate = lead.duplicate("duplicate of " + first + (prior != null && prior.failed()
                    ? " (which failed and was not created; send it with: leadloader rerun-failed " + prior.execution() + ")"
                    : " (loaded before)"), first);
            recordRejected(run, List.of(duplicate));
            return false;
        }
    }

    private void releaseStaleClaims(String scopeKey, List<MarkedLead> leads, Instant since) {
        if (since == null) {
            return;
        }
        List<String> keys = leads.stream().map(m -> m.lead().dedupeKey()).filter(k -> k != null).toList();
        if (keys.isEmpty()) {
            return;
        }
        named.update("update lead_ledger set claim_key = null where scope_key = :scope and claim_key in (:keys)"
                        + " and created_at < :since",
                new MapSqlParameterSource("scope", scopeKey).addValue("keys", keys)
                        .addValue("since", local(since)));
    }

    private List<Object[]> pendingRows(RunRef run, List<MarkedLead> leads) {
        LocalDateTime now = now();
        List<Object[]> rows = new ArrayList<>(leads.size());
        for (MarkedLead marked : leads) {
            Lead lead = marked.lead();
            rows.add(insertArgs(run, lead, lead.dedupeKey(), marked.marker(), LeadState.PENDING, null,
                    lead.warnings().isEmpty() ? null : String.join("; ", lead.warnings()), null,
                    json.writeValueAsString(lead.row().values()), json.writeValueAsString(lead.fields()), now));
        }
        return rows;
    }

    /**
     * Inserts rows of {@link #insertArgs}, all of one call (one run, one time): on PostgreSQL as one
     * statement over column arrays ({@link #INSERT_ARRAYS}), elsewhere as a batch. Must run in a
     * transaction.
     */
    private void insert(List<Object[]> rows) {
        if (!postgres || rows.size() == 1) {
            jdbc.batchUpdate(INSERT, rows);
            return;
        }
        Object[] first = rows.get(0);
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(INSERT_ARRAYS);
            int parameter = 1;
            for (int column = 0; column < ROW_COLUMNS_FROM; column++) {
                insert.setObject(parameter++, first[column]);
            }
            for (int column = ROW_COLUMNS_TO; column < first.length; column++) {
                insert.setObject(parameter++, first[column]);
            }
            for (int column = ROW_COLUMNS_FROM; column < ROW_COLUMNS_TO; column++) {
                String type = ROW_COLUMN_TYPES[column - ROW_COLUMNS_FROM];
                Object[] values = switch (type) {
                    case "int8" -> new Long[rows.size()];
                    case "int4" -> new Integer[rows.size()];
                    default -> new String[rows.size()];
                };
                for (int row = 0; row < values.length; row++) {
                    values[row] = rows.get(row)[column];
                }
                insert.setArray(parameter++, connection.createArrayOf(type, values));
            }
            return insert;
        });
    }

    private Object[] insertArgs(RunRef run, Lead lead, String claimKey, String marker, LeadState state,
                                String reasonCode, String message, String duplicateOf, String sourceValues,
                                String fields, LocalDateTime now) {
        // A pending row is claimed to be sent at once: its first attempt is counted here, which
        // saves the sender a ledger update a lead (ChunkSender#sendAwaitingKeys).
        int attempts = state == LeadState.PENDING ? 1 : 0;
        return new Object[] {run.jobName(), run.jobInstanceId(), run.jobExecutionId(), run.scopeKey(),
                lead.dedupeKey(), claimKey, lead.row().origin(), lead.row().position(), marker, state.name(),
                reasonCode, clip(message), clip(duplicateOf), attempts, sourceValues, fields, now, now};
    }

    /** Records the ContactNow keys of created leads, by marker. */
    public void markCreated(Map<String, Long> keysByMarker, long executionId) {
        if (keysByMarker.isEmpty()) {
            return;
        }
        LocalDateTime now = now();
        if (postgres && keysByMarker.size() > 1) {
            String[] markers = new String[keysByMarker.size()];
            Long[] keys = new Long[markers.length];
            int i = 0;
            for (Map.Entry<String, Long> e : keysByMarker.entrySet()) {
                markers[i] = e.getKey();
                keys[i++] = e.getValue();
            }
            PreparedStatementCreator update = connection -> {
                PreparedStatement statement = connection.prepareStatement(
                        tidRanges ? MARK_CREATED_ARRAYS_PAGES : MARK_CREATED_ARRAYS);
                statement.setLong(1, executionId);
                statement.setObject(2, now);
                statement.setArray(3, connection.createArrayOf("varchar", markers));
                statement.setArray(4, connection.createArrayOf("int8", keys));
                return statement;
            };
            if (!tidRanges) {
                tx.executeWithoutResult(status -> jdbc.update(update));
                return;
            }
            PageRange pages = tx.execute(status -> jdbc.query(update, rs -> rs.next() && rs.getObject(1) != null
                    ? new PageRange(rs.getLong(1), rs.getLong(2), markers.length) : null));
            PageRange earlier = pages == null ? null : unpruned.getAndSet(pages);
            if (earlier != null) {
                prune(earlier);
            }
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        keysByMarker.forEach((marker, key) -> rows.add(new Object[] {key, executionId, now, marker}));
        tx.executeWithoutResult(status -> jdbc.batchUpdate(MARK_CREATED, rows));
    }

    /**
     * Reads the heap pages an earlier key update wrote, so that PostgreSQL prunes them now. The
     * update leaves each row's old version behind on its page (a HOT update, by design: see V6),
     * and the first read of a page after that removes the dead versions and sets the hint bits.
     * Left to itself, that first read was the run's closing count: with the loader idle, it
     * rewrote every page of the run and, checkpoints having passed since the pages were written,
     * logged each of them whole to the WAL (Finding 30). {@link #markCreated} reads the pages of
     * the update before its own: by then every transaction that was open when that one committed
     * (a claim, an acknowledgement) has ended, so the old versions are dead to all and can go;
     * the pages are still in memory and already logged since the last checkpoint, and the work
     * runs beside the load. Skipped when the rows are spread over many more pages than they fill
     * (other writers' rows in between); best effort, like {@link #refreshStatistics}.
     */
    private void prune(PageRange pages) {
        if (pages.last() - pages.first() + 1 > 2L * pages.rows()) {
            return;
        }
        try {
            jdbc.queryForObject(READ_PAGES, Long.class, "(" + pages.first() + ",0)", "(" + (pages.last() + 1) + ",0)");
        } catch (DataAccessException e) {
            log.debug("cannot read back ledger pages {}..{}: {}", pages.first(), pages.last(), e.getMessage());
        }
    }

    /** Records leads the API refused; they give up their dedupe claim, since nothing was created. */
    public void markBad(Map<String, String> errorsByMarker, String reasonCode, long executionId) {
        LocalDateTime now = now();
        List<Object[]> rows = new ArrayList<>();
        errorsByMarker.forEach((marker, error) -> rows.add(
                new Object[] {reasonCode, clip(error), executionId, now, marker}));
        if (!rows.isEmpty()) {
            tx.executeWithoutResult(status -> jdbc.batchUpdate("update lead_ledger set state = 'BAD', claim_key = null,"
                    + " reason_code = ?, message = ?, job_execution_id = ?, updated_at = ? where marker = ?", rows));
        }
    }

    /** Records leads that were surely not created after retries ran out; they keep their claim for a rerun. */
    public void markFailed(Collection<String> markers, String reasonCode, String message, long executionId) {
        LocalDateTime now = now();
        List<Object[]> rows = markers.stream()
                .map(marker -> new Object[] {reasonCode, clip(message), executionId, now, marker}).toList();
        if (!rows.isEmpty()) {
            tx.executeWithoutResult(status -> jdbc.batchUpdate("update lead_ledger set state = 'FAILED',"
                    + " reason_code = ?, message = ?, job_execution_id = ?, updated_at = ? where marker = ?", rows));
        }
    }

    /** Counts one more attempt for these leads and hands them to the execution sending them now. */
    public void touch(Collection<String> markers, long executionId) {
        LocalDateTime now = now();
        List<Object[]> rows = markers.stream().map(marker -> new Object[] {executionId, now, marker}).toList();
        if (!rows.isEmpty()) {
            tx.executeWithoutResult(status -> jdbc.batchUpdate("update lead_ledger set attempts = attempts + 1,"
                    + " job_execution_id = ?, updated_at = ? where marker = ?", rows));
        }
    }

    /**
     * Records that ContactNow answered a create request (its leads share {@code markerPrefix}) as
     * wholly created, before its leads' keys are known. Committed at once; a request acknowledged
     * again (a retry of part of it) keeps its first record.
     */
    public void acknowledge(String markerPrefix, int leads, long executionId) {
        try {
            tx.executeWithoutResult(status -> {
                if (postgres) {
                    // Not worth a WAL flush of its own: the next synchronous commit (the next claim)
                    // flushes it. If a crash loses it, the restart decides by reading back, as it
                    // does for any pending lead; the record only guards the rarer case where the
                    // records exist but no read shows them.
                    jdbc.execute("set local synchronous_commit = off");
                }
                jdbc.update("insert into lead_request_ack (marker_prefix, job_execution_id, leads, acknowledged_at)"
                        + " values (?, ?, ?, ?)", markerPrefix, executionId, leads, now());
            });
        } catch (DuplicateKeyException again) {
            // the part that was resent belongs to a request already acknowledged: nothing to add
        }
    }

    /** Which of these request marker prefixes ContactNow acknowledged as wholly created. */
    public Set<String> acknowledged(Collection<String> markerPrefixes) {
        if (markerPrefixes.isEmpty()) {
            return Set.of();
        }
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(markerPrefixes);
        for (int from = 0; from < all.size(); from += 500) {
            named.query("select marker_prefix from lead_request_ack where marker_prefix in (:prefixes)",
                    new MapSqlParameterSource("prefixes", all.subList(from, Math.min(all.size(), from + 500))),
                    rs -> {
                        found.add(rs.getString(1));
                    });
        }
        return found;
    }

    /** Moves FAILED leads back to PENDING for a rerun under another execution. */
    public void reopen(Collection<String> markers, long executionId) {
        LocalDateTime now = now();
        List<Object[]> rows = markers.stream().map(marker -> new Object[] {executionId, now, marker}).toList();
        if (!rows.isEmpty()) {
            tx.executeWithoutResult(status -> jdbc.batchUpdate("update lead_ledger set state = 'PENDING',"
                    + " job_execution_id = ?, updated_at = ? where marker = ? and state = 'FAILED'", rows));
        }
    }

    @Override
    public Map<String, Prior> findLoaded(String scope, Collection<String> keys, Instant since) {
        List<String> wanted = keys.stream().filter(k -> k != null).distinct().toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        String select = "select claim_key, job_execution_id, origin, source_position, state from lead_ledger"
                + " where scope_key = ";
        Map<String, Prior> found = new HashMap<>();
        RowCallbackHandler collect = rs -> {
            found.put(rs.getString(1), new Prior("execution " + rs.getLong(2) + ", " + rs.getString(3) + " row "
                    + rs.getLong(4), rs.getLong(2), LeadState.FAILED.name().equals(rs.getString(5))));
        };
        if (postgres) {
            // One array parameter, not a list of 800: one statement text whatever the count, and
            // less planning and look-up time than the list (a look-up for every chunk of every load).
            jdbc.query(connection -> {
                PreparedStatement query = connection.prepareStatement(select + "? and claim_key = any(?)"
                        + (since == null ? "" : " and created_at >= ?"));
                query.setString(1, scope);
                query.setArray(2, connection.createArrayOf("varchar", wanted.toArray()));
                if (since != null) {
                    query.setObject(3, local(since));
                }
                return query;
            }, collect);
            return found;
        }
        MapSqlParameterSource params = new MapSqlParameterSource("scope", scope).addValue("keys", wanted);
        if (since != null) {
            params.addValue("since", local(since));
        }
        named.query(select + ":scope and claim_key in (:keys)" + (since == null ? "" : " and created_at >= :since"),
                params, collect);
        return found;
    }

    /** Rows of a job instance in a state, in source order. */
    public List<LedgerEntry> byInstance(long jobInstanceId, LeadState state) {
        return jdbc.query("select " + COLUMNS + " from lead_ledger where job_instance_id = ? and state = ?"
                + " order by origin, source_position", entryMapper(), jobInstanceId, state.name());
    }

    /** Streams the rows an execution last touched, in source order (for reports). */
    public void forEachOfExecution(long jobExecutionId, Consumer<LedgerEntry> sink) {
        jdbc.query("select " + COLUMNS + " from lead_ledger where job_execution_id = ? order by origin, source_position",
                rs -> {
                    sink.accept(mapEntry(rs));
                }, jobExecutionId);
    }

    /** How many rows of a run (all executions of its job instance) are in each state. */
    public Map<LeadState, Long> countsOfInstance(long jobInstanceId) {
        Map<LeadState, Long> counts = new EnumMap<>(LeadState.class);
        for (LeadState state : LeadState.values()) {
            counts.put(state, 0L);
        }
        jdbc.query("select state, count(*) from lead_ledger where job_instance_id = ? group by state",
                rs -> {
                    counts.put(LeadState.valueOf(rs.getString(1)), rs.getLong(2));
                }, jobInstanceId);
        return counts;
    }

    /**
     * How many rows of a run each execution last touched, by state: per execution id, the rows
     * whose {@code job_execution_id} it is. The executions of a run (a rerun's included, whose
     * rows stay under the run's instance) add up to {@link #countsOfInstance}.
     */
    public Map<Long, Map<LeadState, Long>> countsByExecution(long jobInstanceId) {
        Map<Long, Map<LeadState, Long>> counts = new HashMap<>();
        // Within the instance, so that it reads through the index on job_instance_id.
        jdbc.query("select job_execution_id, state, count(*) from lead_ledger where job_instance_id = ?"
                        + " group by job_execution_id, state",
                rs -> {
                    counts.computeIfAbsent(rs.getLong(1), id -> new EnumMap<>(LeadState.class))
                            .put(LeadState.valueOf(rs.getString(2)), rs.getLong(3));
                }, jobInstanceId);
        return counts;
    }

    /** Streams every row of a run (all executions of its job instance), in source order. */
    public void forEachOfInstance(long jobInstanceId, Consumer<LedgerEntry> sink) {
        jdbc.query("select " + COLUMNS + " from lead_ledger where job_instance_id = ? order by origin, source_position",
                rs -> {
                    sink.accept(mapEntry(rs));
                }, jobInstanceId);
    }

    private RowMapper<LedgerEntry> entryMapper() {
        return (rs, n) -> mapEntry(rs);
    }

    private LedgerEntry mapEntry(ResultSet rs) throws SQLException {
        long key = rs.getLong("contactnow_key");
        Long contactnowKey = rs.wasNull() ? null : key;
        return new LedgerEntry(rs.getLong("id"), rs.getString("job_name"), rs.getLong("job_instance_id"),
                rs.getLong("job_execution_id"), rs.getString("scope_key"), rs.getString("dedupe_key"),
                rs.getString("origin"), rs.getLong("source_position"), rs.getString("marker"),
                LeadState.valueOf(rs.getString("state")), contactnowKey, rs.getString("reason_code"),
                rs.getString("message"), rs.getString("duplicate_of"), rs.getInt("attempts"),
                readMap(rs.getString("source_values")), readMap(rs.getString("fields")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private Map<String, String> readMap(String text) {
        return text == null ? Map.of() : json.readValue(text, MAP);
    }

    private static LeadState stateOf(LeadStatus status) {
        return switch (status) {
            case VALID -> LeadState.PENDING;
            case BAD -> LeadState.BAD;
            case DUPLICATE -> LeadState.DUPLICATE;
            case SUPPRESSED -> LeadState.SUPPRESSED;
        };
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE);
    }

    /**
     * Now, as the ledger's {@code timestamp} columns hold it (wall-clock time in the JVM's zone, as a
     * {@code java.sql.Timestamp} would be written). Bound as a {@code LocalDateTime}: the driver
     * writes that without the calendar arithmetic of {@code setTimestamp}, which showed in the
     * profile of a load (two timestamps a lead).
     */
    private LocalDateTime now() {
        return local(clock.instant());
    }

    private static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
    }
}
