package com.leadloader.bench;

import java.util.List;

/** One of the benchmark's measurements; a scenario may report several variants. */
interface Scenario {

    /** The name {@code --scenario} selects it by. */
    String name();

    /** Whether it loads through a ledger, which the benchmark keeps on PostgreSQL. */
    boolean needsDatabase();

    /** Whether it starts {@code leadloader} in JVMs of its own ({@link ChildJvm}), rather than running in the bench's. */
    boolean startsChildJvms();

    List<ScenarioResult> run(BenchRun run) throws Exception;
}
