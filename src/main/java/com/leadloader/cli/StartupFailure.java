package com.leadloader.cli;

import com.leadloader.ledger.AutoServerDataSource;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.dao.DataAccessException;

/**
 * Turns a Spring context that failed to start into the one sentence a user can act on: which
 * setting has a value leadloader cannot use, or that the job repository cannot be reached. Spring's
 * own report of the failure (a stack trace, or its "APPLICATION FAILED TO START" banner) is kept
 * out of the output (application.yml), and logged whole at DEBUG only.
 */
final class StartupFailure {

    private static final String DATABASE_SETTINGS = "(check LEADLOADER_DB_URL, LEADLOADER_DB_USER, LEADLOADER_DB_PASSWORD)";

    private StartupFailure() {
    }

    static UserError of(RuntimeException failure) {
        if (EmbeddedDatabaseGone.closedUnder(failure)) {
            // Not the configuration: the process serving the embedded database ended as this one opened it.
            return new EmbeddedDatabaseGone(failure);
        }
        if (EmbeddedDatabaseGone.openedElsewhere(failure)) {
            // Nor here: other processes kept opening and closing it for all of AutoServerDataSource's wait.
            return new UserError("cannot open the embedded database: other processes kept it locked for "
                    + AutoServerDataSource.WAIT.toSeconds() + " s (" + said(failure, rootCause(failure))
                    + "); nothing was done. Run the same command again once the other leadloader commands have"
                    + " finished", ExitCodes.FAILED_RESTARTABLE, failure);
        }
        return new UserError(describe(failure), ExitCodes.CONFIGURATION_ERROR, failure);
    }

    static String describe(Throwable failure) {
        Throwable root = rootCause(failure);
        BindException bind = find(failure, BindException.class);
        if (bind != null) {
            return badSetting(bind, root);
        }
        UnsatisfiedDependencyException dependency = find(failure, UnsatisfiedDependencyException.class);
        TypeMismatchException mismatch = find(failure, TypeMismatchException.class);
        if (dependency != null && mismatch != null && dependency.getInjectionPoint() != null
                && dependency.getInjectionPoint().getAnnotation(Value.class) != null) {
            String name = propertyName(dependency.getInjectionPoint().getAnnotation(Value.class).value());
            return "invalid setting " + name + " = \"" + mismatch.getValue() + "\" (environment variable "
                    + environmentName(name) + "): " + said(failure, root);
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            java.util.regex.Matcher driver = NO_DRIVER.matcher(String.valueOf(t.getMessage()));
            if (driver.find()) {
                return "cannot open the job repository: leadloader has no JDBC driver " + driver.group(1) + " for its URL;"
                        + " the job repository and ledger run on PostgreSQL (jdbc:postgresql://...) or the embedded H2"
                        + " (the default) " + DATABASE_SETTINGS;
            }
        }
        if (find(failure, SQLException.class) != null || find(failure, DataAccessException.class) != null
                || find(failure, FlywayException.class) != null || repositoryBean(failure)) {
            return "cannot open the job repository: " + said(failure, root) + " " + DATABASE_SETTINGS;
        }
        return "cannot start: " + said(failure, root);
    }

    /**
     * The root cause's {@link #message}; when it has none (an {@code EOFException} of a connection
     * cut off), the innermost message around it, else its type: never "null".
     */
    static String said(Throwable failure, Throwable root) {
        String message = message(root);
        if (message != null && !message.isBlank()) {
            return message;
        }
        String around = null;
        for (Throwable t = failure; t != null && t != root; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                around = t.getMessage();
            }
        }
        return around != null ? around : root.getClass().getSimpleName();
    }

    /** A driver the job repository's URL asks for that leadloader does not carry, as Spring names it. */
    private static final java.util.regex.Pattern NO_DRIVER = java.util.regex.Pattern.compile("Failed to load driver class (\\S+)");

    /** The root cause in words: a file-system failure with its reason ({@code /srv/data: permission denied}). */
    static String message(Throwable root) {
        return root instanceof java.io.IOException io ? FileErrors.describe(io) : root.getMessage();
    }

    /** Whether a bean behind the job repository and ledger (the data source, Flyway, the ledger) failed. */
    private static boolean repositoryBean(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BeanCreationException creation && creation.getBeanName() != null) {
                String bean = creation.getBeanName().toLowerCase(Locale.ROOT);
                if (bean.contains("datasource") || bean.contains("flyway") || bean.contains("jobrepository")
                        || bean.contains("ledger")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String badSetting(BindException bind, Throwable root) {
        ConfigurationProperty property = bind.getProperty();
        String name = property != null ? property.getName().toString() : bind.getName().toString();
        StringBuilder message = new StringBuilder("invalid setting ").append(name);
        if (property != null) {
            message.append(" = \"").append(property.getValue()).append('"');
            if (property.getOrigin() != null) {
                message.append(" (").append(property.getOrigin()).append(')');
            }
        }
        Class<?> type = bind.getTarget().getType().resolve();
        if (type != null && type.isEnum()) {
            return message.append(": expected one of ").append(Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))).toString();
        }
        return message.append(": ").append(said(bind, root)).toString();
    }

    /** {@code leadloader.shutdown.grace} of {@code ${leadloader.shutdown.grace:50s}}. */
    static String propertyName(String placeholder) {
        String name = placeholder.replaceFirst("^\\$\\{", "").replaceFirst("}$", "");
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** The environment variable Spring Boot reads for a property: {@code LEADLOADER_RETRY_FIRST_BACKOFF}. */
    static String environmentName(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
