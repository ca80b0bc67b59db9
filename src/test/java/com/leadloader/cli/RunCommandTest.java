package com.leadloader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code leadloader run}'s summary says of the leads that were not loaded. */
class RunCommandTest {

    private static LedgerEntry entry(LeadState state, String reasonCode, String message) {
        return new LedgerEntry(1, "demo", 1, 1, "table:Willtest", "k", "leads.csv", 2, "m-1", state, null,
                reasonCode, message, null, 1, Map.of(), Map.of(), Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void aPendingLeadSaysItIsNotSettledRatherThanNull() {
        assertThat(RunCommand.reason(entry(LeadState.PENDING, null, null)))
                .isEqualTo("not settled: it was being sent when the run stopped; the same command again settles it");
        assertThat(RunCommand.reason(entry(LeadState.PENDING, null, "LastName truncated to 50 characters")))
                .endsWith("settles it (LastName truncated to 50 characters)");
    }

    @Test
    void otherLeadsGiveTheirMessageOrElseTheirReasonCode() {
        assertThat(RunCommand.reason(entry(LeadState.BAD, "PHONE_INVALID", "mobile: 'n/a' is not a phone number")))
                .isEqualTo("mobile: 'n/a' is not a phone number");
        assertThat(RunCommand.reason(entry(LeadState.FAILED, "HTTP_503", null))).isEqualTo("HTTP_503");
        assertThat(RunCommand.reason(entry(LeadState.SUPPRESSED, null, null))).isEqualTo("no reason recorded");
    }
}
