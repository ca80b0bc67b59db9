package com.leadloader.batch;

import com.leadloader.testing.LeadloaderProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three leadloader processes, each loading one partition of the same file at the same time into
 * one PostgreSQL ledger, end with the same totals as a single process and no duplicate record,
 * even for duplicates that fall into different partitions.
 */
class PartitionedRunIT {

    private static final int UNIQUE = 2400;
    private static final int DUPLICATES = 300;

    @TempDir
    Path dir;

    @Test
    void threeProcessesLoadThePartitionsOfOneFileWithTheTotalsOfOne() throws Exception {
        Path spec = LeadFiles.spec(dir, "partitioned", leadsWithDuplicates(),
                "load:\n  chunk-size: 50\n  in-flight: 2\n  requests-per-second: 0\n");

        Map<String, Long> single;
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            String db = TestDatabase.freshSchemaUrl("part_single");
            Process one = leadloader(db, sandbox, spec, "0/1", dir.resolve("single.log"));
            assertThat(one.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(one.exitValue()).as(Files.readString(dir.resolve("single.log"))).isZero();
            single = states(db);
            assertThat(sandbox.store().recordCount()).isEqualTo(UNIQUE);
        }
        assertThat(single).containsEntry("CREATED", (long) UNIQUE).containsEntry("DUPLICATE", (long) DUPLICATES);

        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0))) {
            String db = TestDatabase.freshSchemaUrl("part_three");
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                processes.add(leadloader(db, sandbox, spec, i + "/3", dir.resolve("p" + i + ".log")));
            }
            for (int i = 0; i < 3; i++) {
                Process p = processes.get(i);
                assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
                assertThat(p.exitValue()).as(Files.readString(dir.resolve("p" + i + ".log"))).isZero();
                assertThat(Files.readString(dir.resolve("p" + i + ".log"))).contains("COMPLETED");
            }

            assertThat(states(db)).isEqualTo(single);
            assertThat(sandbox.store().recordCount()).isEqualTo(UNIQUE);
            for (int i = 0; i < UNIQUE; i++) {
                assertThat(sandbox.store().countWhere("MobilePhone", String.format("07400%06d", 100_000 + i)))
                        .as("lead %d", i).isEqualTo(1);
            }
            try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(distinct job_instance_id), count(*),"
                         + " count(distinct source_position) from lead_ledger")) {
                rs.next();
                assertThat(rs.getLong(1)).as("one run per partition").isEqualTo(3);
                assertThat(rs.getLong(2)).as("each row in exactly one partition").isEqualTo(UNIQUE + DUPLICATES);
                assertThat(rs.getLong(3)).isEqualTo(UNIQUE + DUPLICATES);
            }
        }
    }

    /** {@code UNIQUE} leads, then {@code DUPLICATES} of them again with the number written another way. */
    private Path leadsWithDuplicates() {
        StringBuilder csv = new StringBuilder("id,first_name,last_name,mobile,postcode\n");
        for (int i = 0; i < UNIQUE; i++) {
            csv.append(i).append(",Name").append(i).append(",Surname").append(i)
                    .append(String.format(",07400 %06d", 100_000 + i)).append(",LS1 1AA\n");
        }
        for (int d = 0; d < DUPLICATES; d++) {
            int i = d * 7 + 1; // lines 7d+3 and 2402+d: never in the same partition of 3
            csv.append(UNIQUE + d).append(",Name").append(i).append(",Surname").append(i)
                    .append(String.format(",+44 7400 %06d", 100_000 + i)).append(",LS1 1AA\n");
        }
        return LeadFiles.write(dir.resolve("partitioned.csv"), csv.toString());
    }

    private static Map<String, Long> states(String db) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select state, count(*) from lead_ledger group by state")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static Process leadloader(String dbUrl, SandboxServer sandbox, Path spec, String partition, Path log)
            throws Exception {
        return LeadloaderProcess.run(dbUrl, sandbox, spec, log, null, Map.of(), "--partition", partition);
    }
}
