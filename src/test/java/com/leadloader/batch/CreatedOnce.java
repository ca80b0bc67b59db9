package com.leadloader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.sandbox.SandboxServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What a load of a {@link LeadFiles#csv} file must leave once it has completed, however often it
 * was killed, stopped or restarted on the way: every lead created exactly once, and the ledger
 * saying so with the key of the one record that carries its marker.
 */
final class CreatedOnce {

    private CreatedOnce() {
    }

    /** Asserts it for {@code leads} leads numbered from {@code first} (07400 {@code first} upwards). */
    static void assertEveryLead(String dbUrl, SandboxServer sandbox, int first, int leads) throws SQLException {
        Map<String, Long> keyByMarker = new HashMap<>();
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select state, marker, contactnow_key from lead_ledger")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertThat(rs.getString("state")).as(rs.getString("marker")).isEqualTo("CREATED");
                keyByMarker.put(rs.getString("marker"), rs.getLong("contactnow_key"));
            }
            assertThat(rows).as("one ledger row per source row").isEqualTo(leads);
        }
        assertThat(sandbox.store().recordCount()).as("records in ContactNow").isEqualTo(leads);
        for (Map.Entry<String, Long> e : keyByMarker.entrySet()) {
            assertThat(sandbox.store().countWhere("VENDOR_URN", e.getKey())).as(e.getKey()).isEqualTo(1);
            assertThat(sandbox.store().record(e.getValue())).as("the record of key %d", e.getValue()).get()
                    .satisfies(r -> assertThat(r).containsEntry("VENDOR_URN", e.getKey()));
        }
        for (int i = first; i < first + leads; i++) {
            assertThat(sandbox.store().countWhere("MobilePhone", String.format("07400%06d", i)))
                    .as("lead %d", i).isEqualTo(1);
        }
    }
}
