package com.leadloader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.lead.Lead;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import com.leadloader.ledger.MarkedLead;
import com.leadloader.ledger.RunRef;
import com.leadloader.load.ChunkSender;
import com.leadloader.load.LeadWriter;
import com.leadloader.load.LoadCounters;
import com.leadloader.load.LoadSettings;
import com.leadloader.load.RequestRateLimiter;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.source.SourceRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Another loader can claim some of a chunk's dedupe keys between this loader's prior-load check
 * and its claim (cross-partition duplicates). The claims then hold a subset of each request's
 * leads, and every request must still carry one marker prefix, so that its read-back and its
 * group's key read find every lead it created. Deterministic: the other loader's claims are made
 * first, and the prior-load check is skipped, so the claim itself meets them.
 */
class LostClaimsIT {

    @Test
    void leadsWhoseClaimsAnotherLoaderWonAreDuplicatesAndTheRestAreCreatedOnceWithTheirKeys() throws Exception {
        try (LoadHarness h = LoadHarness.start("lost_claims", SandboxConfig.defaults())) {
            String scope = "table:Willtest";
            List<Lead> leads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                leads.add(lead(i));
            }
            // The other loader holds the keys of leads 2, 3 and 5.
            RunRef other = new RunRef("other", 900, 9000, scope);
            h.ledger().claim(other, List.of(new MarkedLead(leads.get(2), "LLo.0.0"),
                    new MarkedLead(leads.get(3), "LLo.0.1"), new MarkedLead(leads.get(5), "LLo.0.2")), null);

            LoadCounters counters = new LoadCounters();
            LoadSettings settings = new LoadSettings("100", "VENDOR_URN", 4, 2, 3,
                    Duration.ofMillis(5), Duration.ofMillis(40));
            ChunkSender sender = new ChunkSender(h.client, h.ledger(), settings, new RequestRateLimiter(0), counters);
            ExecutorService requests = Executors.newFixedThreadPool(2);
            LeadWriter writer = new LeadWriter(h.ledger(), sender, settings, list -> list, () -> null, requests,
                    counters, scope);
            JobExecution job = new JobExecution(71, new JobInstance(7, "lost-claims"), new JobParameters());
            StepExecution step = new StepExecution(710, "load", job);
            try {
                writer.beforeStep(step);
                writer.write(new Chunk<>(leads));
                writer.afterStep(step);
            } finally {
                requests.shutdownNow();
            }

            List<LedgerEntry> rows = h.rows(7);
            assertThat(rows).hasSize(10);
            assertThat(rows.stream().filter(r -> r.state() == LeadState.DUPLICATE).map(LedgerEntry::sourcePosition))
                    .containsExactlyInAnyOrder(2L, 3L, 5L);
            List<LedgerEntry> created = rows.stream().filter(r -> r.state() == LeadState.CREATED).toList();
            assertThat(created).hasSize(7).allSatisfy(r -> assertThat(r.contactnowKey()).isNotNull());
            // Requests of 4 were marked LL<g>.0 (0-3), LL<g>.1 (4-7), LL<g>.2 (8-9): the claims left
            // 0,1 | 4,6,7 | 8,9, each still sent under its own prefix.
            assertThat(created.stream().map(r -> r.marker().substring(0, r.marker().lastIndexOf('.') + 1)).distinct())
                    .hasSize(3);
            assertThat(step.getStatus()).isNotEqualTo(BatchStatus.FAILED);
            assertThat(h.sandbox.store().recordCount()).isEqualTo(7);
            for (LedgerEntry row : created) {
                assertThat(h.sandbox.store().countWhere("VENDOR_URN", row.marker())).as(row.marker()).isEqualTo(1);
            }
            assertThat(counters.created.sum()).isEqualTo(7);
            assertThat(counters.duplicates.sum()).isEqualTo(3);
        }
    }

    private static Lead lead(int i) {
        String mobile = String.format("07400200%03d", i);
        return Lead.mapped(new SourceRow("lost.csv", i, Map.of("mobile", mobile)),
                Map.of("MobilePhone", mobile, "FirstName", "Lead" + i)).withDedupeKey("k" + i);
    }
}
