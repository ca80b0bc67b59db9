package com.leadloader.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> FIELDS = List.of("FirstName", "LastName", "MobilePhone", "HomePhone", "Postcode");

    @Test
    void aTypoSuggestsTheNameMeantWhateverItsCase() {
        assertThat(Suggestions.closest("mobilphone", FIELDS)).isEqualTo("MobilePhone");
        assertThat(Suggestions.closest("POSTCODE", FIELDS)).isEqualTo("Postcode");
        assertThat(Suggestions.hint("Frstname", FIELDS)).isEqualTo(" (did you mean 'FirstName'?)");
    }

    @Test
    void theNearestOfSeveralCloseNamesWins() {
        // 'Address1' is two edits from 'Adress2', within its limit; 'Address2' is one.
        assertThat(Suggestions.closest("Adress2", List.of("Address1", "Address2", "Address3"))).isEqualTo("Address2");
        assertThat(Suggestions.closest("chunk-sise", List.of("chunk-size", "in-flight", "max-attempts"))).isEqualTo("chunk-size");
    }

    @Test
    void aNameTooFarFromEveryCandidateSuggestsNothing() {
        assertThat(Suggestions.closest("telephone_number", FIELDS)).isNull();
        assertThat(Suggestions.hint("xyz", FIELDS)).isEmpty();
        assertThat(Suggestions.closest("anything", List.of())).isNull();
    }
}
