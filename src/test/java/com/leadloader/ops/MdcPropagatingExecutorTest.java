package com.leadloader.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MdcPropagatingExecutorTest {

    @Test
    void tasksSeeTheSubmittersMdcAndLeaveTheirThreadAsTheyFoundIt() throws Exception {
        ExecutorService executor = new MdcPropagatingExecutor(Executors.newSingleThreadExecutor());
        try {
            MDC.put(RunLogContext.JOB, "nightly");
            MDC.put(RunLogContext.EXECUTION, "42");
            assertThat(executor.submit(MDC::getCopyOfContextMap).get())
                    .isEqualTo(Map.of("job", "nightly", "execution", "42"));
            RunLogContext.clear();
            assertThat(executor.submit(() -> MDC.get(RunLogContext.JOB)).get()).isNull();
        } finally {
            RunLogContext.clear();
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
