package com.leadloader.bench;

import com.leadloader.contactnow.ContactNowClient;
import com.leadloader.contactnow.ContactNowProperties;
import com.leadloader.contactnow.CreateResult;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 5: the sandbox alone, filled with N records by creates of 200 over HTTP from 4 client
 * threads, until it holds them all. Its floor is 50,000 records a second, so that it never is
 * what bounds a benchmark of the loader.
 */
final class SandboxScenario implements Scenario {

    static final double TARGET_RATE = 50_000;
    static final int CHUNK = 200;
    static final int THREADS = 4;

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public boolean needsDatabase() {
        return false;
    }

    @Override
    public boolean startsChildJvms() {
        return false;
    }

    @Override
    public List<ScenarioResult> run(BenchRun run) throws Exception {
        run.say("sandbox: %,d records in creates of %d from %d threads", run.rows(), CHUNK, THREADS);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0));
             ContactNowClient client = new ContactNowClient(ContactNowProperties.of(sandbox.baseUrl(), "sandbox", "sandbox"))) {
            client.campaignFields("Willtest"); // fetch the token before the clock starts
            AtomicLong next = new AtomicLong();
            long started = System.nanoTime();
            List<Future<Long>> senders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                senders.add(threads.submit(() -> send(client, next, run.rows())));
            }
            long created = 0;
            for (Future<Long> sender : senders) {
                created += sender.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (created != run.rows() || sandbox.store().recordCount() != run.rows()) {
                throw new IllegalStateException("created " + created + " records, the sandbox holds "
                        + sandbox.store().recordCount() + "; expected " + run.rows());
            }
            return List.of(new ScenarioResult("sandbox", created, seconds, -1, 0, "",
                    ">= 50,000 records/s", created / seconds >= TARGET_RATE,
                    String.format("holds %,d records at the end; client and server share this JVM",
                            sandbox.store().recordCount()), null));
        } finally {
            threads.shutdownNow();
        }
    }

    private static long send(ContactNowClient client, AtomicLong next, long total) {
        long created = 0;
        for (long first; (first = next.getAndAdd(CHUNK)) < total; ) {
            List<Map<String, String>> records = new ArrayList<>(CHUNK);
            for (long i = first; i < Math.min(first + CHUNK, total); i++) {
                Map<String, String> record = new LinkedHashMap<>();
                record.put("dataset", "100");
                record.put("FirstName", "Bench");
                record.put("LastName", "Lead" + i);
                record.put("MobilePhone", String.format("07400%06d", i % 1_000_000));
                record.put("Postcode", "LS6 2AB");
                record.put("VENDOR_URN", "bench-" + i);
                records.add(record);
            }
            CreateResult result = client.createRecords(records);
            if (result.bad() > 0 || result.total() != records.size()) {
                throw new IllegalStateException("a create of " + records.size() + " records answered total "
                        + result.total() + ", bad " + result.bad());
            }
            created += records.size();
        }
        return created;
    }
}
