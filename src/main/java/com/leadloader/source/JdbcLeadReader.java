package com.leadloader.source;

import com.leadloader.spec.JdbcSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.PagingQueryProvider;
import org.springframework.batch.infrastructure.item.database.support.SqlPagingQueryProviderFactoryBean;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.support.JdbcUtils;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Clob;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the rows of a query through a HikariCP pool with Spring Batch's {@link JdbcPagingItemReader},
 * the user's query wrapped as {@code select * from (<query>) q} and paged by its sort key, parameters
 * bound by name. Restartable from the last committed sort key. With a watermark column it reads only
 * rows past {@code watermarkFrom} and saves the highest value read under {@code <name>.watermark.max}.
 *
 * <p>Each page after the first starts past the last key read ({@code where key > last}), so a key two
 * rows share would lose rows: two rows in a row with one key, a row without one, or a page's last
 * key that another row also has end the read with a {@link SourceException}.
 */
public class JdbcLeadReader implements ItemStreamReader<SourceRow>, HeaderedReader {

    /** The named parameter that carries the previous run's high-water mark. */
    public static final String WATERMARK_PARAMETER = "leadloader_watermark";
    /** The named parameter of the sort key a page boundary is checked at. */
    private static final String SORT_KEY_PARAMETER = "leadloader_sort_key";

    private final String name;
    private final JdbcSource source;
    private final Map<String, String> params;
    private final Object watermarkFrom;
    private final Function<String, String> environment;
    private final String origin;

    /** The sort key as the rows' column maps name it (case-insensitive maps, so only the alias goes). */
    private final String sortKeyColumn;

    private HikariDataSource dataSource;
    /** The query's parameter values, bound by name; null before open. */
    private Map<String, Object> bound;
    private JdbcPagingItemReader<Map<String, Object>> delegate;
    private Object watermarkMax;
    /** The sort key of the last row read (or of the last committed one, on a restart), and that row's number. */
    private Object lastKey;
    private long lastRow;

    /**
     * @param params        job {@code --param}s; they override the spec's {@code parameters}
     * @param watermarkFrom the last successful run's high-water mark, or null to read every row
     */
    public JdbcLeadReader(String name, JdbcSource source, Map<String, String> params, Object watermarkFrom) {
        this(name, source, params, watermarkFrom, System::getenv);
    }

    JdbcLeadReader(String name, JdbcSource source, Map<String, String> params, Object watermarkFrom,
                   Function<String, String> environment) {
        this.name = name;
        this.source = source;
        this.params = Map.copyOf(params);
        this.watermarkFrom = watermarkFrom;
        this.environment = environment;
        this.origin = describe(source.url());
        this.sortKeyColumn = source.sortKey() == null ? null
                : source.sortKey().substring(source.sortKey().lastIndexOf('.') + 1).replaceAll("[\"`\\[\\]]", "");
    }

    /** The execution-context key of the highest watermark value read so far. */
    public String watermarkKey() {
        return name + ".watermark.max";
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        bound = parameterValues();
        dataSource = dataSource();
        try {
            PagingReader reader = new PagingReader(dataSource, queryProvider(), bound);
            reader.setName(name);
            reader.setParameterValues(bound);
            reader.setPageSize(source.fetchSize());
            reader.setFetchSize(source.fetchSize());
            reader.setRowMapper(new ColumnMapRowMapper());
            reader.afterPropertiesSet();
            delegate = reader;
            // Until a row passes it, the highest mark is the one this run started from: a run that
            // reads nothing leaves the next one that same mark, with its type.
            watermarkMax = executionContext.containsKey(watermarkKey()) ? executionContext.get(watermarkKey())
                    : watermarkValue(watermarkFrom);
            lastKey = savedStartAfter(executionContext);
            lastRow = 0;
            delegate.open(executionContext);
        } catch (Exception ex) {
            close();
            throw ex instanceof RuntimeException runtime ? runtime : new ItemStreamException(ex.getMessage(), ex);
        }
    }

    @Override
    public SourceRow read() throws Exception {
        Map<String, Object> row = delegate.read();
        if (row == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        String problem = null;
        for (Map.Entry<String, Object> column : row.entrySet()) {
            try {
                values.put(column.getKey(), text(column.getValue()));
            } catch (SQLException | IllegalArgumentException ex) {
                values.put(column.getKey(), "");
                problem = "column " + column.getKey() + ": " + ex.getMessage();
            }
        }
        if (source.watermarkColumn() != null) {
            track(row.get(source.watermarkColumn()));
        }
        long position = delegate.getCurrentItemCount();
        if (sortKeyColumn != null && row.containsKey(sortKeyColumn)) {
            checkSortKey(row.get(sortKeyColumn), position);
        }
        return new SourceRow(origin, position, values, problem);
    }

    /** Rows come sorted by the key, so a key two rows share shows in two rows in a row. */
    private void checkSortKey(Object key, long position) {
        if (key == null) {
            throw new SourceException("source.jdbc.sort-key '" + source.sortKey() + "' is empty (null) in row "
                    + position + ", so paging would skip the rows after it; name a unique column that every row has"
                    + " a value in (such as the primary key)");
        }
        if (lastRow > 0 && sameKey(key, lastKey)) {
            throw notUnique("rows " + lastRow + " and " + position, key);
        }
        lastKey = key;
        lastRow = position;
    }

    private SourceException notUnique(String rows, Object key) {
        String shown;
        try {
            shown = text(key);
        } catch (SQLException ex) {
            shown = String.valueOf(key);
        }
        shown = shown.length() > 40 ? shown.substring(0, 40) + "..." : shown;
        return new SourceException("source.jdbc.sort-key '" + source.sortKey() + "' is not unique: " + rows
                + " both have " + sortKeyColumn + " = " + (key instanceof CharSequence ? "'" + shown + "'" : shown)
                + ", so paging would skip rows; name a unique column (such as the primary key)");
    }

    private static boolean sameKey(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    /** The sort key a restart starts after, as the paging reader saved it. */
    private Object savedStartAfter(ExecutionContext executionContext) {
        Object saved = executionContext.get(name + ".start.after");
        if (saved instanceof Map<?, ?> keys) {
            for (Map.Entry<?, ?> e : keys.entrySet()) {
                if (String.valueOf(e.getKey()).equalsIgnoreCase(source.sortKey())
                        || String.valueOf(e.getKey()).equalsIgnoreCase(sortKeyColumn)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    /**
     * The paging reader, checking before each page after the first that no other row has the key the
     * last page ended with: that row would sort between the pages, and {@code where key > last} skip it.
     * One count a page, with the page query's own filter, so it costs about what the page costs.
     */
    private final class PagingReader extends JdbcPagingItemReader<Map<String, Object>> {

        private final NamedParameterJdbcTemplate jdbc;
        private final Map<String, Object> values;

        PagingReader(DataSource dataSource, PagingQueryProvider queryProvider, Map<String, Object> values) {
            super(dataSource, queryProvider);
            this.jdbc = new NamedParameterJdbcTemplate(dataSource);
            this.values = values;
        }

        @Override
        protected void doReadPage() {
            if (getPage() > 0 && lastKey != null) {
                Map<String, Object> probe = new HashMap<>(values);
                probe.put(SORT_KEY_PARAMETER, lastKey);
                Long rows = jdbc.queryForObject(sortKeyCountSql(), probe, Long.class);
                if (rows != null && rows > 1) {
                    throw notUnique((lastRow > 0 ? "row " + lastRow : "the last row committed") + " and another row", lastKey);
                }
            }
            super.doReadPage();
        }
    }

    /**
     * The columns the query returns, as its rows would name them, read from the result's metadata with
     * no row fetched ({@code where 1 = 0}), so that a mapping is checked against a query that returns
     * nothing; null before {@link #open}.
     */
    @Override
    public List<String> headerColumns() {
        if (dataSource == null) {
            return null;
        }
        return new NamedParameterJdbcTemplate(dataSource).query("select * from (" + userQuery() + ") q where 1 = 0",
                bound, (ResultSetExtractor<List<String>>) result -> {
                    ResultSetMetaData metadata = result.getMetaData();
                    List<String> columns = new ArrayList<>(metadata.getColumnCount());
                    for (int i = 1; i <= metadata.getColumnCount(); i++) {
                        columns.add(JdbcUtils.lookupColumnName(metadata, i));
                    }
                    return columns;
                });
    }

    private String sortKeyCountSql() {
        String where = source.sortKey() + " = :" + SORT_KEY_PARAMETER;
        if (source.watermarkColumn() != null && watermarkFrom != null) {
            where = source.watermarkColumn() + " > :" + WATERMARK_PARAMETER + " and " + where;
        }
        return "select count(*) from (" + userQuery() + ") q where " + where;
    }

    private String userQuery() {
        return source.query().strip().replaceAll(";+$", "");
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        delegate.update(executionContext);
        if (watermarkMax != null) {
            executionContext.put(watermarkKey(), watermarkMax);
        }
    }

    @Override
    public void close() throws ItemStreamException {
        try {
            if (delegate != null) {
                delegate.close();
            }
        } finally {
            delegate = null;
            bound = null;
            if (dataSource != null) {
                dataSource.close();
            }
            dataSource = null;
        }
    }

    private Map<String, Object> parameterValues() {
        Map<String, Object> values = new HashMap<>(source.parameters());
        values.putAll(params);
        try {
            NamedParameterUtils.buildValueArray(NamedParameterUtils.parseSqlStatement(source.query()),
                    new MapSqlParameterSource(values), null);
        } catch (InvalidDataAccessApiUsageException ex) {
            throw new SourceException("source.jdbc.query: " + ex.getMessage()
                    + "; add it under source.jdbc.parameters or pass --param NAME=VALUE");
        }
        if (source.watermarkColumn() != null && watermarkFrom != null) {
            values.put(WATERMARK_PARAMETER, watermarkFrom);
        }
        return values;
    }

    private PagingQueryProvider queryProvider() throws Exception {
        SqlPagingQueryProviderFactoryBean factory = new SqlPagingQueryProviderFactoryBean();
        factory.setDataSource(dataSource);
        factory.setSelectClause("select *");
        factory.setFromClause("from (" + userQuery() + ") q");
        if (source.watermarkColumn() != null && watermarkFrom != null) {
            factory.setWhereClause(source.watermarkColumn() + " > :" + WATERMARK_PARAMETER);
        }
        factory.setSortKey(source.sortKey());
        return factory.getObject();
    }

    private HikariDataSource dataSource() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("leadloader-source-" + name);
        config.setJdbcUrl(source.url());
        if (source.user() != null) {
            config.setUsername(source.user());
        }
        if (source.passwordEnv() != null) {
            String password = environment.apply(source.passwordEnv());
            if (password == null) {
                throw new SourceException("source.jdbc.password-env: the environment variable "
                        + source.passwordEnv() + " is not set; export it with the database password");
            }
            config.setPassword(password);
        }
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setReadOnly(true);
        return new HikariDataSource(config);
    }

    private void track(Object value) {
        Object mark = watermarkValue(value);
        if (mark instanceof Comparable<?> comparable && (watermarkMax == null || compare(comparable, watermarkMax) > 0)) {
            watermarkMax = mark;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable value, Object max) {
        return value.getClass().isInstance(max) ? value.compareTo(max) : 1;
    }

    /** The form a watermark is kept in: java.time rather than java.sql, so it serialises and binds cleanly. */
    private static Object watermarkValue(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        return value;
    }

    /**
     * A watermark an earlier version kept only as text, typed again (an ISO date-time or date, a
     * whole or decimal number, else the text itself), so that it binds as the column's type.
     */
    public static Object typedWatermark(String text) {
        for (Function<String, Object> parse : List.<Function<String, Object>>of(LocalDateTime::parse,
                java.time.LocalDate::parse, OffsetDateTime::parse, Long::valueOf, BigDecimal::new)) {
            try {
                return parse.apply(text);
            } catch (RuntimeException notThisType) {
                // try the next
            }
        }
        return text;
    }

    /** A database value as a user would write it: ISO dates and times, plain decimals. */
    static String text(Object value) throws SQLException {
        if (value == null) {
            return "";
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return dateTime.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Time time) {
            return time.toLocalTime().toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
        }
        if (value instanceof byte[]) {
            throw new IllegalArgumentException("binary data cannot be a lead's value");
        }
        return value.toString();
    }

    /** {@code jdbc:} and where the rows come from, without credentials or driver options. */
    static String describe(String url) {
        String rest = url.startsWith("jdbc:") ? url.substring(5) : url;
        int cut = rest.length();
        for (char c : new char[] {'?', ';'}) {
            int at = rest.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        rest = rest.substring(0, cut).replaceFirst("//[^/@]*@", "//");
        return "jdbc:" + rest;
    }
}
