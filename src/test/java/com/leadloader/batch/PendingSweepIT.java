package com.leadloader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadloader.lead.Lead;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import com.leadloader.ledger.MarkedLead;
import com.leadloader.ledger.RunRef;
import com.leadloader.load.ChunkSender;
import com.leadloader.load.LoadCounters;
import com.leadloader.load.LoadSettings;
import com.leadloader.load.LoadStoppedException;
import com.leadloader.load.RequestRateLimiter;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.source.SourceRow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The writer does not wait for its requests before a chunk commits, so a run killed or failed
 * with requests in flight leaves pending leads in chunks its restart will not read again. The
 * restart settles them first, against a real sandbox and ledger: a lead whose record exists is
 * recorded with its key and never sent again; a lead ContactNow does not have is sent.
 */
class PendingSweepIT {

    private static final long INSTANCE = 7;

    @Test
    void leadsLeftPendingAreRecordedWhenTheyExistAndSentOnlyWhenTheyDoNot() {
        try (LoadHarness h = LoadHarness.start("sweep_pending", SandboxConfig.defaults())) {
            RunRef first = new RunRef("sweep", INSTANCE, 70, "run:" + INSTANCE);
            List<MarkedLead> leads = List.of(
                    marked(1, "07400100001", "LLs1.0.0"), marked(2, "07400100002", "LLs1.0.1"),
                    marked(3, "07400100003", "LLs1.1.0"), marked(4, "07400100004", "LLs1.1.1"));
            h.ledger().claim(first, leads, null);
            // The first request reached ContactNow but the run died before learning its keys.
            h.client.createRecords(List.of(payload(leads.get(0)), payload(leads.get(1))));
            LoadCounters counters = new LoadCounters();
            ChunkSender sender = new ChunkSender(h.client, h.ledger(),
                    new LoadSettings("100", "VENDOR_URN", 200, 2, 3, Duration.ofMillis(5), Duration.ofMillis(40)),
                    new RequestRateLimiter(0), counters);

            new PendingSweep(h.ledger(), sender).settle(INSTANCE, 71);

            List<LedgerEntry> rows = h.rows(INSTANCE);
            assertThat(rows).extracting(LedgerEntry::state).containsOnly(LeadState.CREATED);
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.jobExecutionId()).isEqualTo(71);
                assertThat(row.contactnowKey()).isNotNull();
            });
            assertThat(h.sandbox.store().recordCount()).isEqualTo(4);
            for (MarkedLead lead : leads) {
                assertThat(h.sandbox.store().countWhere("VENDOR_URN", lead.marker())).as(lead.marker()).isEqualTo(1);
            }
            assertThat(counters.created.sum()).isEqualTo(4);

            // Nothing is left to settle: a second restart sends nothing.
            new PendingSweep(h.ledger(), sender).settle(INSTANCE, 72);
            assertThat(h.sandbox.store().recordCount()).isEqualTo(4);
        }
    }

    @Test
    void leadsOfARequestContactNowAcknowledgedAreNeverSentAgainEvenWhenNoReadShowsThem() {
        try (LoadHarness h = LoadHarness.start("sweep_acknowledged", SandboxConfig.defaults())) {
            RunRef first = new RunRef("sweep", INSTANCE, 70, "run:" + INSTANCE);
            List<MarkedLead> leads = List.of(
                    marked(1, "07400100011", "LLs2.0.0"), marked(2, "07400100012", "LLs2.0.1"));
            h.ledger().claim(first, leads, null);
            // ContactNow answered "2 created" for LLs2.0., but no read shows the records (say, a
            // server that caps its read results): they exist, so they must not be sent again.
            h.ledger().acknowledge("LLs2.0.", 2, 70);
            ChunkSender sender = new ChunkSender(h.client, h.ledger(),
                    new LoadSettings("100", "VENDOR_URN", 200, 2, 2, Duration.ofMillis(5), Duration.ofMillis(10)),
                    new RequestRateLimiter(0), new LoadCounters());

            assertThatThrownBy(() -> new PendingSweep(h.ledger(), sender).settle(INSTANCE, 71))
                    .isInstanceOf(LoadStoppedException.class)
                    .hasMessageContaining("cannot be read back by marker");

            assertThat(h.sandbox.store().recordCount()).as("nothing sent again").isZero();
            assertThat(h.rows(INSTANCE)).extracting(LedgerEntry::state).containsOnly(LeadState.PENDING);
        }
    }

    private static MarkedLead marked(long position, String mobile, String marker) {
        Lead lead = Lead.mapped(new SourceRow("sweep.csv", position, Map.of("mobile", mobile)),
                Map.of("MobilePhone", mobile, "FirstName", "Lead" + position)).withDedupeKey("key" + position);
        return new MarkedLead(lead, marker);
    }

    private static Map<String, String> payload(MarkedLead lead) {
        Map<String, String> record = new LinkedHashMap<>(lead.lead().fields());
        record.put("dataset", "100");
        record.put("VENDOR_URN", lead.marker());
        return record;
    }
}
