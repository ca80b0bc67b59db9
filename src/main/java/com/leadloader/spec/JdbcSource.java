package com.leadloader.spec;

import java.util.Map;

/**
 * Rows of a database query, read through HikariCP with a restartable paging reader.
 *
 * @param url             the JDBC URL
 * @param user            the database user
 * @param passwordEnv     the name of the environment variable that holds the password
 * @param query           a SELECT with {@code :named} parameters (bound, never concatenated)
 * @param parameters      values of the named parameters; job {@code --param}s override them
 * @param sortKey         a unique column the rows are paged by
 * @param fetchSize       rows fetched per round trip and per page
 * @param watermarkColumn optional: only rows whose value is past the last successful run's
 *                        high-water mark are read, and the new mark is kept in the job repository
 */
public record JdbcSource(
        String url,
        String user,
        String passwordEnv,
        String query,
        Map<String, String> parameters,
        String sortKey,
        Integer fetchSize,
        String watermarkColumn) {

    public JdbcSource {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        fetchSize = fetchSize == null ? 1000 : fetchSize;
    }
}
