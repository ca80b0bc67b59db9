package com.leadloader.cli;

import com.leadloader.LeadloaderApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(LeadloaderApplication.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
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
