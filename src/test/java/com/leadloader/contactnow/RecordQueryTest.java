package com.leadloader.contactnow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordQueryTest {

    @Test
    void everyFilterBecomesTheParameterTheGuideNames() {
        RecordQuery query = RecordQuery.builder()
                .table("Willtest").dataset(3).id(411).outcome(100, 109).agent("503314").ddi("01234567890")
                .search("VENDOR_URN", "LL-7-").search("FirstName", "Jon").exact()
                .mode(RecordQuery.Mode.LIVE_CALLBACKS)
                .between(RecordQuery.TimeType.CALLBACK, LocalDateTime.of(2017, 11, 1, 0, 0),
                        LocalDateTime.of(2017, 11, 26, 23, 59, 59))
                .build();

        assertThat(query.toParameters()).containsExactly(
                Map.entry("table", "Willtest"),
                Map.entry("dataset", "3"),
                Map.entry("id", "411"),
                Map.entry("outcome", "100,109"),
                Map.entry("agent", "503314"),
                Map.entry("ddi", "01234567890"),
                Map.entry("search[VENDOR_URN]", "LL-7-"),
                Map.entry("search[FirstName]", "Jon"),
                Map.entry("type", "exact"),
                Map.entry("mode", "live-callbacks"),
                Map.entry("timetype", "callback"),
                Map.entry("tstart", "2017-11-01 00:00:00"),
                Map.entry("tstop", "2017-11-26 23:59:59"));
    }

    @Test
    void modesAreSentInTheGuidesSpelling() {
        assertThat(RecordQuery.Mode.ACTIVE.param()).isEqualTo("active");
        assertThat(RecordQuery.Mode.LIVE.param()).isEqualTo("live");
        assertThat(RecordQuery.Mode.CALLBACKS.param()).isEqualTo("callbacks");
        assertThat(RecordQuery.Mode.LIVE_CALLBACKS.param()).isEqualTo("live-callbacks");
        assertThat(RecordQuery.Mode.UNEXPIRED.param()).isEqualTo("unexpired");
        assertThat(RecordQuery.TimeType.PROCESSDATE.param()).isEqualTo("processdate");
    }

    @Test
    void aDatasetAloneIsEnoughAndUnsetFiltersAreNotSent() {
        assertThat(RecordQuery.builder().dataset(100).build().toParameters())
                .containsExactly(Map.entry("dataset", "100"));
    }

    @Test
    void aQueryWithoutTableOrDatasetIsRefused() {
        assertThatThrownBy(() -> RecordQuery.builder().ddi("0123").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table or a dataset");
    }

    @Test
    void searchIsCopiedSoTheBuilderCannotChangeABuiltQuery() {
        RecordQuery.Builder builder = RecordQuery.builder().table("Willtest").search("a", "1");
        RecordQuery query = builder.build();
        builder.search("b", "2");

        assertThat(query.search()).containsOnlyKeys("a");
    }
}
