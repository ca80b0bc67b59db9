package com.leadloader.spec;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks binding cannot make: one source, required keys, ranges, files that exist.
 * Adds one sentence per mistake to the list it is given; never throws.
 */
final class JobSpecChecks {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DATASET = Pattern.compile("\\d+|(?i:new)");

    private final String where;
    private final List<String> problems;

    JobSpecChecks(String where, List<String> problems) {
        this.where = where;
        this.problems = problems;
    }

    void check(JobSpec spec) {
        checkSource(spec.source());
        checkTarget(spec.target());
        checkMapping(spec.mapping(), spec.load().markerField());
        checkPhones(spec.phones());
        checkDedupe(spec.dedupe());
        checkSuppression(spec.suppression());
        checkValidation(spec.validation());
        checkLoad(spec.load());
    }

    private void problem(String key, String message) {
        problems.add(where + ": " + key + ": " + message);
    }

    private void checkSource(SourceSpec source) {
        if (source == null) {
            problem("source", "required: give one of csv, excel or jdbc");
            return;
        }
        List<String> given = new ArrayList<>();
        if (source.csv() != null) {
            given.add("csv");
        }
        if (source.excel() != null) {
            given.add("excel");
        }
        if (source.jdbc() != null) {
            given.add("jdbc");
        }
        if (given.isEmpty()) {
            problem("source", "give one of csv, excel or jdbc");
        } else if (given.size() > 1) {
            problem("source", "has " + String.join(" and ", given) + "; give exactly one of csv, excel or jdbc");
        }
        if (source.csv() != null) {
            checkCsv(source.csv());
        }
        if (source.excel() != null) {
            checkExcel(source.excel());
        }
        if (source.jdbc() != null) {
            checkJdbc(source.jdbc());
        }
    }

    private void checkCsv(CsvSource csv) {
        if (blank(csv.path())) {
            problem("source.csv.path", "required: a file or a glob such as incoming/leads-*.csv");
        } else if (!unresolved(csv.path())) {
            try {
                if (csv.files().isEmpty()) {
                    problem("source.csv.path", csv.isGlob()
                            ? "no file matches '" + csv.path() + "'" + relativeNote(csv.path())
                            : notAFile(csv.path(), "a glob such as " + csv.path() + "/*.csv"));
                }
            } catch (RuntimeException ex) {
                problem("source.csv.path", "'" + csv.path() + "' cannot be read: " + JobSpecLoader.oneLine(ex.getMessage()));
            }
        }
        try {
            Charset.forName(csv.encoding());
        } catch (RuntimeException ex) {
            problem("source.csv.encoding", "'" + csv.encoding() + "' is not a known character set (e.g. UTF-8, windows-1252)");
        }
        if (csv.delimiter() != null && csv.quote() != null && csv.delimiter().equals(csv.quote())) {
            problem("source.csv.quote", "must differ from the delimiter");
        }
    }

    private void checkExcel(ExcelSource excel) {
        if (blank(excel.path())) {
            problem("source.excel.path", "required: an .xlsx or .xls workbook");
        } else {
            String lower = excel.path().toLowerCase(Locale.ROOT);
            if (!(lower.endsWith(".xlsx") || lower.endsWith(".xlsm") || lower.endsWith(".xls"))) {
                problem("source.excel.path", "'" + excel.path() + "' is not an .xlsx, .xlsm or .xls file");
            } else {
                checkFile("source.excel.path", excel.path());
            }
        }
        if (excel.headerRow() < 1) {
            problem("source.excel.header-row", "'" + excel.headerRow() + "' must be 1 or more (Excel's row numbers)");
        }
    }

    private void checkJdbc(JdbcSource jdbc) {
        if (blank(jdbc.url())) {
            problem("source.jdbc.url", "required, e.g. jdbc:postgresql://host:5432/db");
        } else if (!jdbc.url().startsWith("jdbc:")) {
            problem("source.jdbc.url", "must start with jdbc:");
        }
        if (blank(jdbc.query())) {
            problem("source.jdbc.query", "required: a SELECT with :named parameters");
        }
        if (blank(jdbc.sortKey())) {
            problem("source.jdbc.sort-key", "required: a unique column the rows are paged by (e.g. id)");
        }
        // Never echo this value: a user may have put the password itself here by mistake.
        if (jdbc.passwordEnv() != null && !ENV_NAME.matcher(jdbc.passwordEnv()).matches()) {
            problem("source.jdbc.password-env", "must be the name of an environment variable "
                    + "(letters, digits and _), not the password itself");
        }
        if (jdbc.fetchSize() < 1) {
            problem("source.jdbc.fetch-size", "'" + jdbc.fetchSize() + "' must be 1 or more");
        }
    }

    private void checkTarget(TargetSpec target) {
        if (target == null) {
            problem("target", "required: table and dataset");
            return;
        }
        if (blank(target.table())) {
            problem("target.table", "required: the ContactNow campaign table");
        }
        if (blank(target.dataset())) {
            problem("target.dataset", "required: a dataset id (digits) or new");
        } else if (!DATASET.matcher(target.dataset()).matches()) {
            problem("target.dataset", "'" + target.dataset() + "' is not a dataset id (digits) or new");
        }
    }

    private void checkMapping(Map<String, FieldMapping> mapping, String markerField) {
        if (mapping.isEmpty()) {
            problem("mapping", "required: at least one ContactNow field, e.g. MobilePhone: mobile");
        }
        for (Map.Entry<String, FieldMapping> entry : mapping.entrySet()) {
            FieldMapping rule = entry.getValue();
            String key = "mapping." + entry.getKey();
            int ways = (blank(rule.column()) ? 0 : 1) + (rule.constant() == null ? 0 : 1)
                    + (rule.concat().isEmpty() ? 0 : 1);
            if (ways != 1) {
                problem(key, ways == 0
                        ? "give one of column, constant or concat"
                        : "give only one of column, constant or concat");
            }
            // The writer puts the load marker in this field, over whatever the mapping gave it.
            if (!blank(markerField) && entry.getKey().equalsIgnoreCase(markerField)) {
                problem(key, markerField + " carries each lead's load marker (load.marker-field); map this column"
                        + " to another field, or set load.marker-field to a field you do not map");
            }
        }
    }

    private void checkPhones(PhonesSpec phones) {
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(phones.region().toUpperCase(Locale.ROOT))) {
            problem("phones.region", "'" + phones.region() + "' is not a region code such as GB, IE or US");
        }
        if (phones.routeByType() && phones.columns().isEmpty()) {
            problem("phones.columns", "required with route-by-type: the source columns that hold phone numbers");
        }
    }

    private void checkDedupe(DedupeSpec dedupe) {
        for (String part : dedupe.key()) {
            boolean ok = part.equals("phone") || part.equals("email")
                    || (part.startsWith("column:") && part.length() > 7)
                    || (part.startsWith("field:") && part.length() > 6);
            if (!ok) {
                problem("dedupe.key", "'" + part + "' is not one of phone, email, column:NAME, field:NAME");
            }
        }
        if (dedupe.withinDays() != null && dedupe.withinDays() < 1) {
            problem("dedupe.within-days", "'" + dedupe.withinDays() + "' must be 1 or more");
        }
    }

    private void checkSuppression(SuppressionSpec suppression) {
        if (suppression.maxAgeDays() < 0) {
            problem("suppression.max-age-days", "'" + suppression.maxAgeDays() + "' must be 0 (no limit) or more");
        }
        for (int i = 0; i < suppression.files().size(); i++) {
            SuppressionFile file = suppression.files().get(i);
            String key = "suppression.files[" + i + "]";
            if (file == null || blank(file.path())) {
                problem(key + ".path", "required: the suppression file");
                continue;
            }
            checkFile(key + ".path", file.path());
            if (suppression.maxAgeDays() > 0 && file.screenedOn() == null) {
                problem(key + ".screened-on", "required with max-age-days: the date the list was screened (yyyy-MM-dd)");
            }
        }
    }

    private void checkValidation(ValidationSpec validation) {
        if (validation.maxBadPercent() < 0 || validation.maxBadPercent() > 100) {
            problem("validation.max-bad-percent", "'" + validation.maxBadPercent() + "' must be between 0 and 100");
        }
    }

    private void checkLoad(LoadSpec load) {
        if (load.chunkSize() < 1 || load.chunkSize() > 1000) {
            problem("load.chunk-size", "'" + load.chunkSize() + "' must be between 1 and 1000");
        }
        if (load.inFlight() < 1 || load.inFlight() > 64) {
            problem("load.in-flight", "'" + load.inFlight() + "' must be between 1 and 64");
        }
        if (load.partitions() < 1 || load.partitions() > 32) {
            problem("load.partitions", "'" + load.partitions() + "' must be between 1 and 32");
        }
        if (load.requestsPerSecond() < 0) {
            problem("load.requests-per-second", "'" + load.requestsPerSecond() + "' must be 0 (no cap) or more");
        }
        if (load.maxAttempts() < 1) {
            problem("load.max-attempts", "'" + load.maxAttempts() + "' must be 1 or more");
        }
        if (blank(load.markerField())) {
            problem("load.marker-field", "must name a ContactNow field (VENDOR_URN by default)");
        }
    }

    private void checkFile(String key, String path) {
        if (!unresolved(path) && !Files.isRegularFile(Path.of(path))) {
            problem(key, notAFile(path, "one file in it"));
        }
    }

    /** Why a path that must name a file does not: it is missing, or a directory (give {@code instead}). */
    private static String notAFile(String path, String instead) {
        return Files.isDirectory(Path.of(path))
                ? "'" + path + "' is a directory, not a file: give " + instead
                : "file '" + path + "' not found" + relativeNote(path);
    }

    /** A path with a {@code ${NAME}} no --param gave: that is reported already, and it names no file to look for. */
    private static boolean unresolved(String path) {
        return path.contains("${");
    }

    private static String relativeNote(String path) {
        return Path.of(path).isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
