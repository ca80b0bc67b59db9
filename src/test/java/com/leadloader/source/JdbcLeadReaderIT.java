package com.leadloader.source;

import com.leadloader.spec.JdbcSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Reads from a real PostgreSQL and a real MariaDB (URLs from the environment, as CI sets them). */
class JdbcLeadReaderIT {

    private static final String TABLE = "jdbc_lead_reader_it";

    private static String url(String variable) {
        String url = System.getenv(variable);
        if (url == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(variable + " must be set on CI");
            }
            Assumptions.abort(variable + " is not set");
        }
        return url;
    }

    /** Creates the table with seven leads, ids 1..7, updated_at on 1..7 March 2024 at 09:30. */
    private static String database(String variable) throws Exception {
        String url = url(variable);
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute("drop table if exists " + TABLE);
            sql.execute("create table " + TABLE + " (id integer primary key, first_name varchar(50), mobile varchar(20),"
                    + " region varchar(10), score decimal(6,2), updated_at timestamp)");
            for (int i = 1; i <= 7; i++) {
                sql.execute("insert into " + TABLE + " values (" + i + ", 'Lead " + i + "', '07911 12345" + i + "', '"
                        + (i % 2 == 0 ? "north" : "south") + "', " + i + ".50, '2024-03-0" + i + " 09:30:00')");
            }
        }
        return url;
    }

    private static JdbcSource source(String url, String query, Map<String, String> parameters, int fetchSize,
                                     String watermark) {
        return new JdbcSource(url, null, null, query, parameters, "id", fetchSize, watermark);
    }

    private static List<SourceRow> readAll(JdbcLeadReader reader, ExecutionContext context) throws Exception {
        reader.open(context);
        try {
            List<SourceRow> rows = new ArrayList<>();
            for (SourceRow row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
            reader.update(context);
            return rows;
        } finally {
            reader.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEADLOADER_TEST_DB_URL", "LEADLOADER_TEST_MARIADB_URL"})
    void aParameterIsBoundNeverConcatenatedIntoTheQuery(String variable) throws Exception {
        String url = database(variable);
        String hostile = "x'; drop table " + TABLE + "; --";
        try (Connection connection = DriverManager.getConnection(url);
             var update = connection.prepareStatement("update " + TABLE + " set first_name = ? where id = 3")) {
            update.setString(1, hostile);
            update.executeUpdate();
        }

        // Concatenated, the value would end the string and drop the table; bound, it matches row 3 only.
        List<SourceRow> rows = readAll(new JdbcLeadReader("source",
                source(url, "select id, first_name from " + TABLE + " where first_name = :name", Map.of("name", "Lead 1"),
                        3, null),
                Map.of("name", hostile), null), new ExecutionContext());

        assertThat(rows).extracting(r -> r.value("id")).containsExactly("3");
        assertThat(rows.get(0).value("first_name")).isEqualTo(hostile);
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement();
             var count = sql.executeQuery("select count(*) from " + TABLE)) {
            count.next();
            assertThat(count.getInt(1)).as("rows still in the table").isEqualTo(7);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEADLOADER_TEST_DB_URL", "LEADLOADER_TEST_MARIADB_URL"})
    void readsRowsWithValuesAsAUserWritesThem(String variable) throws Exception {
        String url = database(variable);

        List<SourceRow> rows = readAll(new JdbcLeadReader("source",
                source(url, "select id, first_name, mobile, score, updated_at from " + TABLE, Map.of(), 3, null),
                Map.of(), null), new ExecutionContext());

        assertThat(rows).hasSize(7);
        assertThat(rows.get(0).values()).containsExactlyEntriesOf(orderedMap(
                "id", "1", "first_name", "Lead 1", "mobile", "07911 123451", "score", "1.50",
                "updated_at", "2024-03-01T09:30:00"));
        assertThat(rows).extracting(SourceRow::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(rows.get(0).origin()).startsWith("jdbc:").doesNotContain("user=").doesNotContain("?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEADLOADER_TEST_DB_URL", "LEADLOADER_TEST_MARIADB_URL"})
    void aQueryThatReturnsNoRowStillNamesItsColumns(String variable) throws Exception {
        String url = database(variable);
        JdbcLeadReader reader = new JdbcLeadReader("source",
                source(url, "select id, first_name, mobile from " + TABLE + " where region = :region",
                        Map.of("region", "east"), 3, null),
                Map.of(), null);

        reader.open(new ExecutionContext());
        try {
            assertThat(reader.read()).isNull();
            // The mapping is checked against these when the source gives no row.
            assertThat(SourceReaders.headerColumns(reader)).containsExactly("id", "first_name", "mobile");
        } finally {
            reader.close();
        }
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEADLOADER_TEST_DB_URL", "LEADLOADER_TEST_MARIADB_URL"})
    void namedParametersAreBoundAndParamsOverrideTheSpec(String variable) throws Exception {
        String url = database(variable);
        JdbcSource source = source(url, "select id, first_name from " + TABLE + " where region = :region",
                Map.of("region", "south"), 2, null);

        List<SourceRow> south = readAll(new JdbcLeadReader("source", source, Map.of(), null), new ExecutionContext());
        List<SourceRow> north = readAll(new JdbcLeadReader("source", source, Map.of("region", "north"), null),
                new ExecutionContext());
        List<SourceRow> injected = readAll(new JdbcLeadReader("source", source,
                Map.of("region", "north' or '1'='1"), null), new ExecutionContext());

        assertThat(south).extracting(r -> r.value("id")).containsExactly("1", "3", "5", "7");
        assertThat(north).extracting(r -> r.value("id")).containsExactly("2", "4", "6");
        assertThat(injected).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEADLOADER_TEST_DB_URL", "LEADLOADER_TEST_MARIADB_URL"})
    void restartContinuesAfterTheLastSavedRow(String variable) throws Exception {
        String url = database(variable);
        JdbcSource source = source(url, "select * from " + TABLE, Map.of(), 2, null);
        ExecutionContext context = new ExecutionContext();
        JdbcLeadReader first = new JdbcLeadReader("source", source, Map.of(), null);
        first.open(context);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(first.read().value("id"));
        }
        first.update(context);
        first.read(); // read but not committed: must come again
        first.close();

        List<SourceRow> rest = readAll(new JdbcLeadReader("source", source, Map.of(), null), context);
        rest.forEach(r -> seen.add(r.value("id")));

        assertThat(seen).containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(rest.get(0).position()).isEqualTo(4L);
    }

    @Test
    void aSortKeyTwoRowsShareEndsTheReadRatherThanSkippingRows() throws Exception {
        String url = url("LEADLOADER_TEST_DB_URL");
        String values = "select * from (values %s) t(grp, first_name, mobile)";
        JdbcSource inOnePage = new JdbcSource(url, null, null, values.formatted("(1,'J1','07400000001'),"
                + "(1,'J2','07400000002'),(1,'J3','07400000003'),(2,'K1','07400000004')"), Map.of(), "grp", 2, null);
        // Page 1 ends with J1; page 2 would start after grp 1, past J2.
        JdbcSource acrossPages = new JdbcSource(url, null, null, values.formatted("(0,'A1','07400000001'),"
                + "(1,'J1','07400000002'),(1,'J2','07400000003'),(2,'K1','07400000004')"), Map.of(), "grp", 2, null);
        JdbcSource noKey = new JdbcSource(url, null, null, values.formatted("(1,'J1','07400000001'),"
                + "(null,'J2','07400000002')"), Map.of(), "grp", 2, null);

        assertThatThrownBy(() -> readAll(new JdbcLeadReader("source", inOnePage, Map.of(), null), new ExecutionContext()))
                .isInstanceOf(SourceException.class)
                .hasMessage("source.jdbc.sort-key 'grp' is not unique: rows 1 and 2 both have grp = 1, so paging"
                        + " would skip rows; name a unique column (such as the primary key)");
        assertThatThrownBy(() -> readAll(new JdbcLeadReader("source", acrossPages, Map.of(), null), new ExecutionContext()))
                .isInstanceOf(SourceException.class)
                .hasMessage("source.jdbc.sort-key 'grp' is not unique: row 2 and another row both have grp = 1, so"
                        + " paging would skip rows; name a unique column (such as the primary key)");
        assertThatThrownBy(() -> readAll(new JdbcLeadReader("source", noKey, Map.of(), null), new ExecutionContext()))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("source.jdbc.sort-key 'grp' is empty (null) in row 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEADLOADER_TEST_DB_URL", "LEADLOADER_TEST_MARIADB_URL"})
    void watermarkReadsOnlyNewerRowsAndSavesTheHighestValue(String variable) throws Exception {
        String url = database(variable);
        JdbcSource source = source(url, "select id, updated_at from " + TABLE, Map.of(), 2, "updated_at");
        ExecutionContext firstRun = new ExecutionContext();

        List<SourceRow> all = readAll(new JdbcLeadReader("source", source, Map.of(), null), firstRun);
        Object mark = firstRun.get("source.watermark.max");
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute("insert into " + TABLE + " (id, first_name, updated_at) values (8, 'Late', '2024-03-09 08:00:00')");
            sql.execute("update " + TABLE + " set updated_at = '2024-03-10 12:00:00' where id = 2");
        }
        ExecutionContext secondRun = new ExecutionContext();
        List<SourceRow> changed = readAll(new JdbcLeadReader("source", source, Map.of(), mark), secondRun);

        assertThat(all).hasSize(7);
        assertThat(mark).isEqualTo(LocalDateTime.of(2024, 3, 7, 9, 30));
        assertThat(changed).extracting(r -> r.value("id")).containsExactly("2", "8");
        assertThat(secondRun.get("source.watermark.max")).isEqualTo(LocalDateTime.of(2024, 3, 10, 12, 0));
    }

    @Test
    void missingPasswordVariableIsNamedWithoutAValue() {
        JdbcSource source = new JdbcSource("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "CRM_DB_PASSWORD",
                "select 1 as id", Map.of(), "id", 10, null);
        JdbcLeadReader reader = new JdbcLeadReader("source", source, Map.of(), null, name -> null);

        assertThatThrownBy(() -> reader.open(new ExecutionContext()))
                .isInstanceOf(SourceException.class)
                .hasMessage("source.jdbc.password-env: the environment variable CRM_DB_PASSWORD is not set; "
                        + "export it with the database password");
    }

    @Test
    void queryParameterWithoutValueIsNamed() {
        JdbcSource source = new JdbcSource("jdbc:postgresql://127.0.0.1:5432/test", null, null,
                "select * from crm where region = :region", Map.of(), "id", 10, null);

        assertThatThrownBy(() -> new JdbcLeadReader("source", source, Map.of(), null).open(new ExecutionContext()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("'region'")
                .hasMessageContaining("pass --param NAME=VALUE");
    }

    @Test
    void aWatermarkKeptAsTextIsTypedAgain() {
        assertThat(JdbcLeadReader.typedWatermark("2025-03-05T08:00")).isEqualTo(LocalDateTime.of(2025, 3, 5, 8, 0));
        assertThat(JdbcLeadReader.typedWatermark("2025-03-05")).isEqualTo(java.time.LocalDate.of(2025, 3, 5));
        assertThat(JdbcLeadReader.typedWatermark("1042")).isEqualTo(1042L);
        assertThat(JdbcLeadReader.typedWatermark("10.5")).isEqualTo(new java.math.BigDecimal("10.5"));
        assertThat(JdbcLeadReader.typedWatermark("v-17")).isEqualTo("v-17");
    }

    @Test
    void originHidesCredentials() {
        assertThat(JdbcLeadReader.describe("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(JdbcLeadReader.describe("jdbc:mariadb://bob:secret@db:3306/crm")).isEqualTo("jdbc:mariadb://db:3306/crm");
    }
}
