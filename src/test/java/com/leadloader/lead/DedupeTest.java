package com.leadloader.lead;

import static com.leadloader.lead.Fixtures.person;
import static com.leadloader.lead.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadloader.cli.UserError;
import com.leadloader.spec.DedupeSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupeTest {

    private static LeadProcessor processor(DedupeSpec dedupe) {
        return LeadProcessor.create(Fixtures.spec(Fixtures.usualMapping(), null, dedupe, null),
                Fixtures.campaignFields(), SuppressionList.none(new PhoneNormalizer(com.leadloader.spec.PhonesSpec.defaults())),
                Clock.systemUTC());
    }

    @Test
    void theSamePhoneWrittenDifferentlyIsADuplicateOfTheFirstRow() {
        LeadProcessor processor = processor(DedupeSpec.defaults());

        Lead first = processor.process(person(12, "Jon", "Smith", "07911 123456", "", ""));
        Lead second = processor.process(person(40, "Jonathan", "Smith", "+44 (0)7911 123456", "", ""));
        Lead third = processor.process(person(41, "Jo", "Smith", "7911123456.0", "", ""));

        assertThat(first.status()).isEqualTo(LeadStatus.VALID);
        assertThat(second.status()).isEqualTo(LeadStatus.DUPLICATE);
        assertThat(second.reasonCode()).isEqualTo("DUPLICATE");
        assertThat(second.duplicateOf()).isEqualTo("leads.csv row 12");
        assertThat(second.message()).isEqualTo("leads.csv row 40: duplicate of leads.csv row 12 (same phone)");
        assertThat(third.duplicateOf()).isEqualTo("leads.csv row 12");
    }

    @Test
    void aBadLeadDoesNotClaimItsKeySoALaterGoodOneIsLoaded() {
        LeadProcessor processor = processor(new DedupeSpec(List.of("phone", "email"), null, null));

        Lead bad = processor.process(new com.leadloader.source.SourceRow("leads.csv", 3,
                Map.of("first", "A", "last", "B", "mobile", "07911123456", "home", "", "email", "x@y.com"), "ragged row"));
        Lead good = processor.process(person(4, "A", "B", "07911123456", "", "X@Y.com "));
        Lead again = processor.process(person(5, "A", "B", "07911 123456", "", "x@y.com"));

        assertThat(bad.status()).isEqualTo(LeadStatus.BAD);
        assertThat(good.status()).isEqualTo(LeadStatus.VALID);
        assertThat(again.message()).isEqualTo("leads.csv row 5: duplicate of leads.csv row 4 (same phone and email)");
    }

    @Test
    void theKeyIsAHashThatHoldsNoPersonalData() {
        Lead lead = processor(DedupeSpec.defaults()).process(person(2, "Jon", "Smith", "07911123456", "", ""));

        assertThat(lead.dedupeKey()).matches("[0-9a-f]{32}").doesNotContain("7911123456");
    }

    @Test
    void sortedPhonesMakeTheKeySoSwappedFieldsMatch() {
        DedupeKeys keys = new DedupeKeys(DedupeSpec.defaults());
        Lead a = Lead.mapped(row(1, "x", "y"), Map.of("HomePhone", "02079460123", "MobilePhone", "07911123456"));
        Lead b = Lead.mapped(row(2, "x", "y"), Map.of("WorkPhone", "07911123456", "HomePhone", "02079460123"));

        assertThat(keys.keyOf(a)).isEqualTo(keys.keyOf(b));
    }

    @Test
    void columnAndFieldPartsAreTrimmedAndALeadWithNoPartHasNoKey() {
        DedupeKeys keys = new DedupeKeys(new DedupeSpec(List.of("column:urn", "field:Postcode"), null, null));
        Lead a = Lead.mapped(row(1, "urn", " U1 "), Map.of("postcode", "LS1 1AA"));
        Lead b = Lead.mapped(row(2, "urn", "U1"), Map.of("Postcode", "LS1 1AA "));
        Lead none = Lead.mapped(row(3, "urn", ""), Map.of("Postcode", ""));

        assertThat(keys.keyOf(a)).isEqualTo(keys.keyOf(b));
        assertThat(keys.keyOf(none)).isNull();
        Lead unkeyed = keys.withKey(none);
        assertThat(unkeyed.dedupeKey()).isNull();
        assertThat(unkeyed.warnings()).containsExactly(
                "leads.csv row 3: no urn and Postcode to find duplicates by; not checked for duplicates");
        assertThat(keys.describe()).isEqualTo("urn and Postcode");
    }

    @Test
    void anUnknownKeyPartIsAUserError() {
        assertThatThrownBy(() -> new DedupeKeys(new DedupeSpec(List.of("phon"), null, null)))
                .isInstanceOf(UserError.class).hasMessageContaining("dedupe.key: unknown part 'phon'");
    }

    @Test
    void theInRunTableGrowsAndKeepsEveryFirstOccurrence() {
        DedupeKeys keys = new DedupeKeys(new DedupeSpec(List.of("column:id"), null, null));
        InRunDeduplicator dedupe = new InRunDeduplicator(keys.describe());
        int n = 300_000;
        for (int i = 1; i <= n; i++) {
            Lead lead = keys.withKey(Lead.mapped(row(i, "id", "C" + i), Map.of()));
            assertThat(dedupe.process(lead).isValid()).isTrue();
        }
        for (int i = 1; i <= n; i += 997) {
            Lead repeat = keys.withKey(Lead.mapped(new com.leadloader.source.SourceRow("more.csv", i, Map.of("id", "C" + i)), Map.of()));
            assertThat(dedupe.process(repeat).duplicateOf()).isEqualTo("leads.csv row " + i);
        }
        assertThat(dedupe.distinctKeys()).isEqualTo(n);
    }

    @Test
    void processingTheSameRowAgainIsNotADuplicateOfItself() {
        LeadProcessor processor = processor(DedupeSpec.defaults());

        processor.process(person(7, "Jon", "Smith", "07911123456", "", ""));
        Lead retried = processor.process(person(7, "Jon", "Smith", "07911123456", "", ""));

        assertThat(retried.status()).isEqualTo(LeadStatus.VALID);
    }

    @Test
    void theInMemoryHashIsTheKeysFirstSixtyFourBitsEvenWithTheTopBitSet() {
        assertThat(DedupeKeys.hash64("ffffffffffffffff0123456789abcdef")).isEqualTo(-1L);
        assertThat(DedupeKeys.hash64("8000000000000001ffffffffffffffff")).isEqualTo(Long.MIN_VALUE + 1);
        assertThat(DedupeKeys.hash64("00000000000000ff0000000000000000")).isEqualTo(255L);
    }
}
