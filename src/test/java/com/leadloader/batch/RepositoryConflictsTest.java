package com.leadloader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.TransactionSystemException;

class RepositoryConflictsTest {

    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aStartThatLosesASerializationConflictIsMadeAgain() throws Exception {
        String result = RepositoryConflicts.retrying("starting demo", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new PessimisticLockingFailureException("JDBC commit; ERROR: could not serialize access");
            }
            return "started";
        });

        assertThat(result).isEqualTo("started");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aSerializationFailureFoundAmongTheCausesCountsToo() throws Exception {
        String result = RepositoryConflicts.retrying("starting demo", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new TransactionSystemException("commit failed",
                        new SQLException("could not serialize access due to read/write dependencies", "40001"));
            }
            return "started";
        });

        assertThat(result).isEqualTo("started");
        assertThat(calls).hasValue(2);
    }

    @Test
    void anyOtherFailurePassesThroughAtOnceAsItself() {
        assertThatThrownBy(() -> RepositoryConflicts.retrying("starting demo", () -> {
            calls.incrementAndGet();
            throw new DataIntegrityViolationException("duplicate key");
        })).isInstanceOf(DataIntegrityViolationException.class).hasMessage("duplicate key");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aConflictThatKeepsComingBackEndsWithTheLastOneAfterFiveMoreTries() {
        assertThatThrownBy(() -> RepositoryConflicts.retrying("starting demo", () -> {
            throw new PessimisticLockingFailureException("conflict " + calls.incrementAndGet());
        })).isInstanceOf(PessimisticLockingFailureException.class).hasMessage("conflict 6");
        assertThat(calls).hasValue(6);
    }
}
