package com.leadloader.batch;

import com.leadloader.ledger.AutoServerDataSource;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.load.RequestTimer;
import com.leadloader.ops.GracefulStop;
import com.leadloader.ops.LoadMetrics;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The beans behind the commands: the ledger, the job factory and the runner. */
@Configuration(proxyBeanMethods = false)
public class BatchConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    /**
     * On PostgreSQL, lets pgjdbc send a JDBC batch of inserts as multi-row inserts
     * ({@code reWriteBatchedInserts}): the ledger inserts each chunk's rows as one batch, and the
     * server then parses and plans one statement per few hundred rows instead of one per row.
     * Only for PostgreSQL URLs; H2 and other drivers refuse properties they do not know.
     */
    @Bean
    static BeanPostProcessor postgresBatchedInserts() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                        && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")
                        && hikari.getDataSourceProperties().getProperty("reWriteBatchedInserts") == null) {
                    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
                }
                return bean;
            }
        };
    }

    /**
     * On the embedded H2 database, opens the pool's connections through {@link AutoServerDataSource}:
     * two processes started at the same moment would otherwise have the second one told that the
     * database is locked, or that its lock file was modified, while the first is still opening it.
     */
    @Bean
    static BeanPostProcessor embeddedDatabaseOpenRetries() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getDataSource() == null
                        && AutoServerDataSource.servesOthers(hikari.getJdbcUrl())) {
                    hikari.setDataSource(new AutoServerDataSource(hikari.getJdbcUrl(), hikari.getUsername(),
                            hikari.getPassword()));
                }
                return bean;
            }
        };
    }

    @Bean
    LedgerRepository ledgerRepository(DataSource dataSource, Clock clock) {
        return new LedgerRepository(dataSource, clock);
    }

    @Bean
    LoadMetrics loadMetrics(MeterRegistry registry) {
        return new LoadMetrics(registry);
    }

    /** Armed by {@code leadloader run} and {@code rerun-failed} only (docs/operations.md: graceful stop). */
    @Bean
    GracefulStop gracefulStop(JobOperator jobOperator,
                              @Value("${leadloader.shutdown.grace:50s}") Duration grace) {
        return new GracefulStop(jobOperator, grace);
    }

    /**
     * Spring Batch observes every item read and processed once observations are on: per lead two
     * observations, their timers and a long-task timer, about a tenth of the step thread's time and
     * much of its garbage. Step, chunk-write and job observations stay; per-lead rates are
     * leadloader's own counters (docs/operations.md).
     */
    @Bean
    ObservationPredicate noItemObservations() {
        return (name, context) -> !name.startsWith("spring.batch.item.");
    }

    @Bean
    LoadJobFactory loadJobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  LedgerRepository ledger, Clock clock,
                                  @Value("${leadloader.retry.first-backoff:200ms}") Duration firstBackoff,
                                  @Value("${leadloader.retry.max-backoff:30s}") Duration maxBackoff,
                                  MeterRegistry registry, LoadMetrics metrics, GracefulStop gracefulStop,
                                  ObservationRegistry observations) {
        return new LoadJobFactory(jobRepository, transactionManager, ledger, clock, firstBackoff, maxBackoff,
                new RequestTimer(registry), metrics, gracefulStop, observations);
    }

    @Bean
    LoadRunner loadRunner(JobRepository jobRepository, JobOperator jobOperator, LoadJobFactory jobFactory,
                          LedgerRepository ledger, Clock clock, LoadMetrics metrics) {
        return new LoadRunner(jobRepository, jobOperator, jobFactory, ledger, clock, metrics);
    }
}
