package com.leadloader.lead;

import static com.leadloader.lead.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.spec.DedupeSpec;
import com.leadloader.spec.DedupeSpec.Scope;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.TargetSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriorLoadFilterTest {

    private static final Instant NOW = Instant.parse("2025-06-30T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final DedupeKeys keys = new DedupeKeys(DedupeSpec.defaults());
    private final InMemoryLoadHistory history = new InMemoryLoadHistory();

    private Lead lead(long position, String mobile) {
        return keys.withKey(Lead.mapped(row(position, "x", "y"), Map.of("MobilePhone", mobile)));
    }

    private PriorLoadFilter filter(Scope scope, Integer withinDays, String dataset) {
        JobSpec spec = new JobSpec("t", null, new TargetSpec("Sales", dataset, null, null, null), Map.of(), null,
                new DedupeSpec(null, scope, withinDays), null, null, null);
        return PriorLoadFilter.create(spec, history, CLOCK);
    }

    @Test
    void aLeadLoadedBeforeIntoTheTableIsADuplicatePointingAtThatLoad() {
        Lead seen = lead(3, "07911123456");
        history.loaded("table:Sales", seen.dedupeKey(), NOW.minusSeconds(86_400), "execution 12, old.csv row 40");

        List<Lead> result = filter(Scope.TABLE, 30, "7").filter(List.of(seen, lead(4, "07400123456")));

        assertThat(result.get(0).status()).isEqualTo(LeadStatus.DUPLICATE);
        assertThat(result.get(0).duplicateOf()).isEqualTo("execution 12, old.csv row 40");
        assertThat(result.get(0).message()).isEqualTo("leads.csv row 3: already loaded into table Sales within 30 days"
                + " (execution 12, old.csv row 40, same phone)");
        assertThat(result.get(1).status()).isEqualTo(LeadStatus.VALID);
    }

    @Test
    void aLeadWhoseEarlierLoadFailedIsNotSaidToBeLoadedButSentToItsRerun() {
        Lead failed = lead(3, "07911123456");
        history.failed("table:Sales", failed.dedupeKey(), NOW.minusSeconds(600), "execution 12, old.csv row 40", 12);

        Lead result = filter(Scope.TABLE, null, "7").filter(List.of(failed)).get(0);

        assertThat(result.status()).isEqualTo(LeadStatus.DUPLICATE);
        assertThat(result.message()).doesNotContain("already loaded")
                .isEqualTo("leads.csv row 3: the same phone as a lead of an earlier load into table Sales"
                        + " (execution 12, old.csv row 40) that failed and was not created;"
                        + " send it with: leadloader rerun-failed 12");
    }

    @Test
    void theHistoryIsAskedOncePerChunkWithTheWindowStart() {
        filter(Scope.DATASET, 7, "7").filter(List.of(lead(1, "07911123456"), lead(2, "07400123456"),
                lead(3, "07911123456")));

        assertThat(history.lookups).singleElement().satisfies(lookup -> {
            assertThat(lookup.scope()).isEqualTo("dataset:7");
            assertThat(lookup.keys()).hasSize(2);
            assertThat(lookup.since()).isEqualTo(Instant.parse("2025-06-23T09:00:00Z"));
        });
    }

    @Test
    void aLoadOutsideTheWindowDoesNotCount() {
        Lead seen = lead(3, "07911123456");
        history.loaded("table:Sales", seen.dedupeKey(), NOW.minusSeconds(40 * 86_400L), "execution 1, old.csv row 2");

        assertThat(filter(Scope.TABLE, 30, "7").filter(List.of(seen)).get(0).isValid()).isTrue();
        assertThat(filter(Scope.TABLE, null, "7").filter(List.of(seen)).get(0).isValid()).isFalse();
    }

    @Test
    void runScopeAndANewDatasetLookNothingUp() {
        Lead seen = lead(3, "07911123456");
        history.loaded("dataset:new", seen.dedupeKey(), NOW, "execution 1, old.csv row 2");

        assertThat(filter(Scope.RUN, null, "7").filter(List.of(seen))).containsExactly(seen);
        assertThat(filter(Scope.DATASET, null, "new").filter(List.of(seen))).containsExactly(seen);
        assertThat(history.lookups).isEmpty();
    }

    @Test
    void leadsAlreadyRejectedOrWithoutAKeyAreNotLookedUp() {
        Lead bad = lead(1, "07911123456").bad("X", "leads.csv row 1: bad");
        Lead unkeyed = Lead.mapped(row(2, "x", "y"), Map.of());

        List<Lead> result = filter(Scope.TABLE, null, "7").filter(List.of(bad, unkeyed));

        assertThat(result).containsExactly(bad, unkeyed);
        assertThat(history.lookups).isEmpty();
    }
}
