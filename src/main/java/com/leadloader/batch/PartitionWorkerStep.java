package com.leadloader.batch;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.IntFunction;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The worker of the partitioned load step. Each partition needs a reader, processor and writer
 * of its own (they hold state), so this step builds a fresh chunk step for the partition named
 * in the step execution's context and runs it on that execution; a restarted partition thus
 * picks up its reader's committed position like any step.
 */
final class PartitionWorkerStep implements Step {

    static final String INDEX = "partition.index";

    /** A partition's step and the request threads to stop when it ends. */
    record Built(Step step, ExecutorService requests) {
    }

    private final String name;
    private final IntFunction<Built> build;

    PartitionWorkerStep(String name, IntFunction<Built> build) {
        this.name = name;
        this.build = build;
    }

    /** The partitioner: one context per partition, naming its index. */
    static Map<String, ExecutionContext> contexts(int gridSize) {
        Map<String, ExecutionContext> contexts = new HashMap<>();
        for (int i = 0; i < gridSize; i++) {
            ExecutionContext context = new ExecutionContext();
            context.putInt(INDEX, i);
            contexts.put("partition" + i, context);
        }
        return contexts;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void execute(StepExecution stepExecution) throws JobInterruptedException {
        Built built = build.apply(stepExecution.getExecutionContext().getInt(INDEX));
        try {
            built.step().execute(stepExecution);
        } finally {
            built.requests().shutdownNow();
        }
    }
}
