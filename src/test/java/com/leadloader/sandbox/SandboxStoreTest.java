package com.leadloader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The record store without HTTP: indexed look-ups return exactly the matching records among many. */
class SandboxStoreTest {

    private final SandboxStore store = new SandboxStore(SandboxConfig.defaults(), Clock.systemDefaultZone());

    @Test
    void markerPrefixReadAmong100kRecordsReturnsExactlyTheChunk() {
        for (int chunk = 0; chunk < 500; chunk++) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("dataset", "100");
                row.put("MobilePhone", "07" + String.format("%09d", chunk * 200 + i));
                row.put("VENDOR_URN", String.format("RUN-1-C%05d-%03d", chunk, i));
                rows.add(row);
            }
            assertThat(store.create(null, rows).total()).isEqualTo(200);
        }
        assertThat(store.recordCount()).isEqualTo(100_000);

        List<Map<String, String>> chunk = store.read(query(Map.of("VENDOR_URN", "RUN-1-C00123-"), null));
        assertThat(chunk).hasSize(200);
        assertThat(chunk).allSatisfy(r -> assertThat(r.get("VENDOR_URN")).startsWith("RUN-1-C00123-"));
        assertThat(chunk.get(0).get("id")).isEqualTo(String.valueOf(550447 + 123 * 200));

        assertThat(store.read(query(Map.of("VENDOR_URN", "RUN-1-C0012"), null))).hasSize(2000);
        assertThat(store.read(query(Map.of("VENDOR_URN", "RUN-1-C00123-007"), null))).hasSize(1);
        assertThat(store.read(query(Map.of("VENDOR_URN", "RUN-2-"), null))).isEmpty();
        assertThat(store.read(query(Map.of(), "07000012345"))).extracting(r -> r.get("VENDOR_URN"))
                .containsExactly("RUN-1-C00061-145");
        assertThat(store.countWhere("VENDOR_URN", "RUN-1-C00499-199")).isEqualTo(1);
    }

    @Test
    void updateMovesTheRecordInItsIndexes() {
        store.create(null, List.of(new LinkedHashMap<>(Map.of("dataset", "100", "HomePhone", "0111", "VENDOR_URN", "A-1"))));
        WriteResult result = store.update(null, List.of(new LinkedHashMap<>(
                Map.of("id", "550447", "dataset", "100", "HomePhone", "0222", "VENDOR_URN", "B-1"))));
        assertThat(result.total()).isEqualTo(1);
        assertThat(store.read(query(Map.of("VENDOR_URN", "A-"), null))).isEmpty();
        assertThat(store.read(query(Map.of("VENDOR_URN", "B-"), null))).hasSize(1);
        assertThat(store.read(query(Map.of(), "0111"))).isEmpty();
        assertThat(store.read(query(Map.of(), "0222"))).hasSize(1);
    }

    @Test
    void phoneLookUpsSeeRecordsWrittenBeforeAndAfterTheFirstOne() {
        store.create(null, List.of(new LinkedHashMap<>(Map.of("dataset", "100", "HomePhone", "0111", "VENDOR_URN", "A-1"))));
        // the first look-up by phone indexes what is held; later writes keep that index current
        assertThat(store.read(query(Map.of(), "0111"))).hasSize(1);
        store.create(null, List.of(new LinkedHashMap<>(Map.of("dataset", "100", "MobilePhone", "0333",
                "WorkPhone", "0111", "VENDOR_URN", "C-1"))));
        assertThat(store.read(query(Map.of(), "0111"))).extracting(r -> r.get("VENDOR_URN")).containsExactly("A-1", "C-1");
        assertThat(store.read(query(Map.of(), "0333"))).extracting(r -> r.get("VENDOR_URN")).containsExactly("C-1");

        store.update(null, List.of(new LinkedHashMap<>(
                Map.of("id", "550447", "dataset", "100", "HomePhone", "0222", "VENDOR_URN", "A-1"))));
        assertThat(store.read(query(Map.of(), "0111"))).extracting(r -> r.get("VENDOR_URN")).containsExactly("C-1");
        assertThat(store.read(query(Map.of(), "0222"))).extracting(r -> r.get("VENDOR_URN")).containsExactly("A-1");
    }

    private static ReadQuery query(Map<String, String> search, String ddi) {
        return new ReadQuery("Willtest", null, Set.of(), Set.of(), null, ddi, search, false, null, null, null, null);
    }
}
