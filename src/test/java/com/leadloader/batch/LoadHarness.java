package com.leadloader.batch;

import com.leadloader.LeadloaderApplication;
import com.leadloader.contactnow.ContactNowClient;
import com.leadloader.contactnow.ContactNowProperties;
import com.leadloader.ledger.LeadState;
import com.leadloader.ledger.LedgerEntry;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.sandbox.SandboxServer;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.JobSpecLoader;
import com.leadloader.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The world a load test needs: the application context on a PostgreSQL schema of its own, a
 * sandbox over real HTTP, and a client pointed at it.
 */
final class LoadHarness implements AutoCloseable {

    final String dbUrl;
    final ConfigurableApplicationContext context;
    SandboxServer sandbox;
    ContactNowClient client;

    private LoadHarness(String dbUrl, ConfigurableApplicationContext context) {
        this.dbUrl = dbUrl;
        this.context = context;
    }

    static LoadHarness start(String schema, SandboxConfig sandboxConfig) {
        String url = TestDatabase.freshSchemaUrl(schema);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LeadloaderApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url,
                        "--leadloader.retry.first-backoff=5ms", "--leadloader.retry.max-backoff=40ms");
        LoadHarness harness = new LoadHarness(url, context);
        harness.useSandbox(sandboxConfig);
        return harness;
    }

    /** Replaces the sandbox (and the client) with a fresh one. */
    void useSandbox(SandboxConfig config) {
        closeSandbox();
        sandbox = SandboxServer.start(config.withPort(0));
        client = new ContactNowClient(ContactNowProperties.of(sandbox.baseUrl(), "sandbox", "sandbox"));
    }

    RunOutcome run(Path specFile, Map<String, String> params) {
        return run(specFile, params, client);
    }

    /** A run into another harness's ContactNow (a second ledger loading into the same table). */
    RunOutcome run(Path specFile, Map<String, String> params, ContactNowClient into) {
        JobSpec spec = JobSpecLoader.load(specFile, params);
        return context.getBean(LoadRunner.class).run(spec, specFile, params, into, null);
    }

    LedgerRepository ledger() {
        return context.getBean(LedgerRepository.class);
    }

    List<LedgerEntry> rows(long jobInstanceId) {
        List<LedgerEntry> rows = new ArrayList<>();
        ledger().forEachOfInstance(jobInstanceId, rows::add);
        return rows;
    }

    List<LedgerEntry> rows(long jobInstanceId, LeadState state) {
        return rows(jobInstanceId).stream().filter(e -> e.state() == state).toList();
    }

    private void closeSandbox() {
        if (client != null) {
            client.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    public void close() {
        closeSandbox();
        context.close();
    }
}
