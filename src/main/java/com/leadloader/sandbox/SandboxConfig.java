package com.leadloader.sandbox;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything the sandbox starts with: port, account, API users, token lifetime, campaign tables,
 * datasets, outcome codes and faults. {@link #defaults()} reads the bundled {@code sandbox.yml}.
 *
 * @param port            the port to listen on (127.0.0.1 only); 0 picks a free one
 * @param accountId       the account id every response reports
 * @param users           the API users token.php accepts
 * @param tokenTtlSeconds how long a token lives (the vendor's is 43,199 s); 0 makes tokens expire at once
 * @param tables          the campaign tables
 * @param datasets        the datasets, each in one table
 * @param outcomeCodes    the outcome codes (100 is the "new" code every record starts with)
 * @param faults          the faults to inject
 * @param firstRecordId   the id the first created record gets
 * @param threads         request handler threads
 */
public record SandboxConfig(int port, String accountId, List<ApiUser> users, long tokenTtlSeconds,
        List<CampaignTable> tables, List<DatasetConfig> datasets, List<OutcomeCodeConfig> outcomeCodes, Faults faults,
        long firstRecordId, int threads) {

    /** The outcome code of a record that was never dialled; it keeps ProcessType {@code New Prospect}. */
    public static final int NEW_OUTCOME = 100;

    public SandboxConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: must be between 0 and 65535");
        }
        accountId = accountId == null ? "10278" : accountId;
        users = users == null ? List.of() : List.copyOf(users);
        tables = tables == null ? List.of() : List.copyOf(tables);
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        outcomeCodes = outcomeCodes == null ? List.of() : List.copyOf(outcomeCodes);
        faults = faults == null ? Faults.none() : faults;
        firstRecordId = firstRecordId <= 0 ? 1 : firstRecordId;
        threads = threads <= 0 ? 32 : threads;
        if (tokenTtlSeconds < 0) {
            throw new IllegalArgumentException("token-ttl-seconds: must not be negative");
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("users: at least one API user is needed");
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("tables: at least one campaign table is needed");
        }
        Set<String> tableNames = new HashSet<>();
        for (CampaignTable table : tables) {
            if (!tableNames.add(table.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("tables: table '" + table.name() + "' is named twice");
            }
        }
        Set<Integer> ids = new HashSet<>();
        for (DatasetConfig dataset : datasets) {
            if (!ids.add(dataset.id())) {
                throw new IllegalArgumentException("datasets: dataset " + dataset.id() + " is named twice");
            }
            if (!tableNames.contains(dataset.table().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("datasets: dataset " + dataset.id()
                        + " names table '" + dataset.table() + "', which is not in tables");
            }
        }
        Set<Integer> codes = new HashSet<>();
        for (OutcomeCodeConfig code : outcomeCodes) {
            if (!codes.add(code.code())) {
                throw new IllegalArgumentException("outcome-codes: code " + code.code() + " is named twice");
            }
        }
    }

    /** The bundled default: account 10278, user sandbox, table Willtest, datasets 100/3/351, no faults. */
    public static SandboxConfig defaults() {
        return SandboxConfigLoader.defaults();
    }

    /**
     * Reads a YAML file (kebab-case keys) laid over the bundled default, so a file may hold only
     * what it changes. Throws {@link SandboxConfigException} naming the file and the key.
     */
    public static SandboxConfig load(Path yamlFile) {
        return SandboxConfigLoader.load(yamlFile);
    }

    /**
     * As {@link #load(Path)}, listening on {@code portUnlessNamed} unless the file names a port
     * itself (0 included: any free port). The bundled default's 0 suits a sandbox started in a
     * test or a run; one a person starts wants a port they can point a job at.
     */
    public static SandboxConfig load(Path yamlFile, int portUnlessNamed) {
        return SandboxConfigLoader.load(yamlFile, portUnlessNamed);
    }

    public SandboxConfig withPort(int newPort) {
        return new SandboxConfig(newPort, accountId, users, tokenTtlSeconds, tables, datasets, outcomeCodes, faults,
                firstRecordId, threads);
    }

    public SandboxConfig withFaults(Faults newFaults) {
        return new SandboxConfig(port, accountId, users, tokenTtlSeconds, tables, datasets, outcomeCodes, newFaults,
                firstRecordId, threads);
    }

    public SandboxConfig withTokenTtlSeconds(long seconds) {
        return new SandboxConfig(port, accountId, users, seconds, tables, datasets, outcomeCodes, faults,
                firstRecordId, threads);
    }

    public SandboxConfig withThreads(int newThreads) {
        return new SandboxConfig(port, accountId, users, tokenTtlSeconds, tables, datasets, outcomeCodes, faults,
                firstRecordId, newThreads);
    }
}
