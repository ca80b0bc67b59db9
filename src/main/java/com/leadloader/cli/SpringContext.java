package com.leadloader.cli;

import com.leadloader.LeadloaderApplication;
import org.springframework.boot.WebApplicationType;
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
                    .run();
            UserErrorLogFilter.install();
            return context;
        } catch (RuntimeException e) {
            log.debug("the Spring context failed to start", e);
            throw StartupFailure.of(e);
        }
    }
}
