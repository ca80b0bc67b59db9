package com.leadloader.cli;

import com.leadloader.LeadloaderApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Spring context behind the commands that use the job repository and ledger. Its
 * configuration comes from {@code application.yml}, the environment (relaxed binding:
 * {@code LEADLOADER_DB_URL}, {@code CONTACTNOW_PASSWORD}, ...) and mounted config files, never
 * from command-line arguments that would show secrets in {@code ps}.
 */
final class SpringContext {

    private static final Logger log = LoggerFactory.getLogger(SpringContext.class);

    private SpringContext() {
    }

    static ConfigurableApplicationContext start() {
        return start(Map.of());
    }

    /**
     * The context of a command that only reads ({@code status}, {@code report}), one query at a time:
     * a pool of two connections rather than ten. Each idle connection to an embedded database that
     * another process serves is one more that H2 reconnects, one after the other, as the pool closes
     * when that process has ended.
     */
    static ConfigurableApplicationContext startReading() {
        return start(Map.of("spring.datasource.hikari.maximum-pool-size", 2));
    }

    /**
     * Starts the context with {@code defaults} under every other property source. No shutdown hook:
     * a command closes its context itself, and on SIGTERM only after the job has stopped
     * ({@link com.leadloader.ops.GracefulStop}), so the job repository is still there to record it.
     */
    static ConfigurableApplicationContext start(Map<String, Object> defaults) {
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(LeadloaderApplication.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .properties(defaults)
                    // Before the beans start (Flyway logs a failed migration's rollback with its stack),
                    // once Spring Boot has set up the logging it resets.
                    .listeners(event -> {
                        if (event instanceof ApplicationPreparedEvent) {
                            UserErrorLogFilter.install();
                        }
                    })
                    .run();
            UserErrorLogFilter.install();
            return context;
        } catch (RuntimeException e) {
            log.debug("the Spring context failed to start", e);
            throw StartupFailure.of(e);
        }
    }
}
