package com.leadloader.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;

class AutoServerDataSourceTest {

    private static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(
            AutoServerDataSourceTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> null);

    /** Nanoseconds of a clock that only the pauses move. */
    private final long[] now = {0};
    private int attempts;

    @Test
    void aDatabaseAnotherProcessIsOpeningIsOpenedOnceItHasFinished() throws Exception {
        // What H2 answered a second loader started at the same moment as the first (the audit).
        AutoServerDataSource dataSource = dataSource(
                h2(ErrorCode.DATABASE_ALREADY_OPEN_1, "Locked by another process: ./data/leadloader.lock.db"),
                h2(ErrorCode.ERROR_OPENING_DATABASE_1, "Lock file recently modified"),
                h2(ErrorCode.CONNECTION_BROKEN_1, "java.net.ConnectException: Connection refused: 127.0.0.1:40425"),
                h2(ErrorCode.CONNECTION_BROKEN_1, "java.io.EOFException: null: 127.0.0.1:40425"));

        assertThat(dataSource.getConnection()).isSameAs(CONNECTION);
        assertThat(attempts).isEqualTo(5);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        SQLException cannotCreate = h2(ErrorCode.FILE_CREATION_FAILED_1, "/srv/ro/data");
        AutoServerDataSource dataSource = dataSource(cannotCreate);

        assertThatThrownBy(dataSource::getConnection).isSameAs(cannotCreate);
        assertThat(attempts).isEqualTo(1);
    }

    @Test
    void aDatabaseThatStaysLockedIsGivenUpOnAfterTheWait() {
        Deque<SQLException> failures = new ArrayDeque<>();
        for (int i = 0; i < 10_000; i++) {
            failures.add(h2(ErrorCode.DATABASE_ALREADY_OPEN_1, "Locked by another process"));
        }
        AutoServerDataSource dataSource = dataSource(failures.toArray(SQLException[]::new));

        assertThatThrownBy(dataSource::getConnection).hasMessageContaining("Locked by another process");
        assertThat(Duration.ofNanos(now[0])).isBetween(AutoServerDataSource.WAIT,
                AutoServerDataSource.WAIT.plusSeconds(1));
    }

    @Test
    void onlyAnH2FileDatabaseThatServesOthersIsOpenedThisWay() {
        assertThat(AutoServerDataSource.servesOthers("jdbc:h2:file:./data/leadloader;AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0"))
                .isTrue();
        assertThat(AutoServerDataSource.servesOthers("jdbc:h2:./data/x;auto_server=true")).isTrue();
        for (String url : List.of("jdbc:h2:file:./data/leadloader", "jdbc:h2:mem:bench;AUTO_SERVER=TRUE",
                "jdbc:h2:tcp://db/x;AUTO_SERVER=TRUE", "jdbc:postgresql://127.0.0.1:5432/test")) {
            assertThat(AutoServerDataSource.servesOthers(url)).as(url).isFalse();
        }
    }

    private AutoServerDataSource dataSource(SQLException... failures) {
        Deque<SQLException> left = new ArrayDeque<>(List.of(failures));
        return new AutoServerDataSource("jdbc:h2:file:./data/leadloader;AUTO_SERVER=TRUE", () -> {
            attempts++;
            if (!left.isEmpty()) {
                throw left.poll();
            }
            return CONNECTION;
        }, AutoServerDataSource.WAIT, () -> now[0], pause -> now[0] += pause.toNanos());
    }

    private static SQLException h2(int code, String message) {
        return DbException.get(code, message).getSQLException();
    }
}
