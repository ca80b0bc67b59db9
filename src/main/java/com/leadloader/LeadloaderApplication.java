package com.leadloader;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring context behind the commands that need the job repository and ledger
 * ({@code run}, {@code validate}, {@code status}, {@code report}, {@code rerun-failed}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LeadloaderApplication {
}
