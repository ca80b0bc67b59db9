package com.leadloader.cli;

import com.leadloader.LeadloaderApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import java.util.Map;

/**
 * Starts the Spring context behind the commands that use the job repository and ledger. Its
 * configuration comes from {@code application.yml}, the environment (relaxed binding:
 * {@code LEADLOADER_DB_URL}, {@code CONTACTNOW_PASSWORD}, ...) and mounted config files, never
 * from command-line arguments that would show secrets in {@code ps}.
 */
final class SpringContext {

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
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new UserError("cannot open the job repository: " + root.getMessage()
                    + " (check LEADLOADER_DB_URL, LEADLOADER_DB_USER, LEADLOADER_DB_PASSWORD)",
                    ExitCodes.CONFIGURATION_ERROR, e);
        }
    }
}
