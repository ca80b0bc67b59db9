package com.leadloader.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Writes a file of synthetic UK leads and the suppression list that goes with it. Each row is
 * good, a duplicate of an earlier good row (the same person, phones written another way), bad (no
 * usable phone, or a last name too long for the campaign) or suppressed (its mobile is on the
 * list), in the shares asked for. Rows stream out one at a time; the same options and seed give
 * byte-identical files.
 */
public final class LeadGenerator {

    /** The columns of a generated file, as {@code jobs/generated-leads.yml} maps them. */
    public static final List<String> COLUMNS = List.of("title", "first_name", "last_name", "address1", "address2",
            "town", "postcode", "email", "mobile", "home_phone", "company");

    /** The header of the suppression file, as {@code sample-data/suppression-optouts.csv} has it. */
    static final List<String> SUPPRESSION_HEADER = List.of("number", "reason", "added");

    private static final List<String> SUPPRESSION_REASONS = List.of("asked not to be called", "complaint",
            "TPS registered", "CTPS registered", "unsubscribed");
    private static final int MOBILE = COLUMNS.indexOf("mobile");
    private static final int HOME = COLUMNS.indexOf("home_phone");
    private static final LocalDate FIRST_OPT_OUT = LocalDate.of(2025, 1, 1);

    /** What to generate. */
    public enum Format {
        CSV, XLSX;

        /** The format named on the command line ({@code csv}, {@code xlsx}). */
        public static Format parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "xlsx" -> XLSX;
                default -> throw new IllegalArgumentException("format '" + name + "' is not csv or xlsx");
            };
        }
    }

    /**
     * @param rows              data rows to write (the header not counted)
     * @param duplicatePercent  share of rows that repeat an earlier good row's person, 0-100
     * @param badPercent        share of rows a load must reject
     * @param suppressedPercent share of rows whose mobile is on the suppression list
     */
    public record Options(long rows, Format format, Path out, long seed, double duplicatePercent, double badPercent,
                          double suppressedPercent) {

        public Options {
            if (rows < 0) {
                throw new IllegalArgumentException("--rows must be 0 or more, not " + rows);
            }
            if (format == Format.XLSX && rows > 1_048_575) {
                throw new IllegalArgumentException("--rows " + rows + ": an .xlsx sheet holds at most 1,048,575 rows"
                        + " after its header; use --format csv for more");
            }
            for (double share : new double[] {duplicatePercent, badPercent, suppressedPercent}) {
                if (!(share >= 0 && share <= 100)) {
                    throw new IllegalArgumentException("--duplicates, --bad and --suppressed are percentages from 0 to 100,"
                            + " not " + share);
                }
            }
            if (duplicatePercent + badPercent + suppressedPercent > 100) {
                throw new IllegalArgumentException(String.format("--duplicates + --bad + --suppressed add up to"
                        + " %s%% (%s + %s + %s, an option not given counting its default), more than 100%%",
                        percent(duplicatePercent + badPercent + suppressedPercent), percent(duplicatePercent),
                        percent(badPercent), percent(suppressedPercent)));
            }
        }
    }

    private static String percent(double share) {
        return java.math.BigDecimal.valueOf(share).stripTrailingZeros().toPlainString();
    }

    /** What was written: counts by kind of row, and the two files. */
    public record Summary(long rows, long good, long duplicates, long bad, long suppressed, Path leads,
                          Path suppressionFile, long suppressionEntries) {
    }

    /** The suppression file written beside {@code out}: {@code leads.csv} gives {@code leads-suppression.csv}. */
    public static Path suppressionFileFor(Path out) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return out.resolveSibling(stem + "-suppression.csv");
    }

    /** Writes the leads and their suppression file. */
    public Summary generate(Options options) throws IOException {
        Path out = options.out().toAbsolutePath();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        UkNumbers numbers = new UkNumbers(options.seed());
        long noise = Math.max(10, options.rows() / 100);
        if (options.rows() + noise > numbers.mobileCount()) {
            throw new IllegalArgumentException("--rows " + options.rows() + ": at most "
                    + (numbers.mobileCount() - noise) + " rows can have distinct valid mobiles");
        }
        People people = new People(options.seed(), numbers);
        Random random = new Random(options.seed());
        Path suppressionPath = suppressionFileFor(out);
        Rows rows = new Rows(people, random);
        long[] counts = new long[Kind.values().length];
        long entries = 0;
        try (LeadSink leads = options.format() == Format.XLSX ? new XlsxLeadSink(out, COLUMNS) : new CsvLeadSink(out, COLUMNS);
             CsvLeadSink suppression = new CsvLeadSink(suppressionPath, SUPPRESSION_HEADER)) {
            for (long i = 0; i < options.rows(); i++) {
                Kind kind = rows.nextKind(options);
                counts[kind.ordinal()]++;
                switch (kind) {
                    case GOOD -> leads.write(rows.good());
                    case DUPLICATE -> leads.write(rows.duplicate());
                    case BAD -> leads.write(rows.bad());
                    case SUPPRESSED -> {
                        Person person = rows.freshPerson();
                        leads.write(rows.write(person, random.nextInt(11), random.nextInt(7)));
                        suppression.write(optOut(person.mobile(), random));
                        entries++;
                    }
                    default -> throw new IllegalStateException(kind.name());
                }
            }
            // Numbers on the list that are in no lead, as on any real opt-out or TPS list.
            for (long i = 0; i < noise; i++) {
                suppression.write(optOut(rows.freshPerson().mobile(), random));
                entries++;
            }
        }
        return new Summary(options.rows(), counts[Kind.GOOD.ordinal()], counts[Kind.DUPLICATE.ordinal()],
                counts[Kind.BAD.ordinal()], counts[Kind.SUPPRESSED.ordinal()], out, suppressionPath, entries);
    }

    private static List<String> optOut(long mobile, Random random) {
        return List.of(UkNumbers.writeMobile(mobile, random.nextInt(10)), Pick.of(random, SUPPRESSION_REASONS),
                FIRST_OPT_OUT.plusDays(random.nextInt(50)).toString());
    }

    private enum Kind { GOOD, DUPLICATE, BAD, SUPPRESSED }

    /** The rows of one file: hands out people in order and remembers which were written as good. */
    private static final class Rows {
        private final People people;
        private final Random random;
        private long nextPerson;
        private int[] good = new int[1024];
        private int goodCount;

        Rows(People people, Random random) {
            this.people = people;
            this.random = random;
        }

        Kind nextKind(Options options) {
            double u = random.nextDouble() * 100;
            if (u < options.duplicatePercent()) {
                // The first rows have nobody to repeat yet: they are good instead.
                return goodCount == 0 ? Kind.GOOD : Kind.DUPLICATE;
            }
            u -= options.duplicatePercent();
            if (u < options.badPercent()) {
                return Kind.BAD;
            }
            u -= options.badPercent();
            return u < options.suppressedPercent() ? Kind.SUPPRESSED : Kind.GOOD;
        }

        Person freshPerson() {
            return people.person(nextPerson++);
        }

        List<String> good() {
            if (goodCount == good.length) {
                good = Arrays.copyOf(good, good.length * 2);
            }
            good[goodCount++] = (int) nextPerson;
            long k = nextPerson;
            return write(freshPerson(), style(k), style(k));
        }

        /** An earlier good row's person again, both phones written another way, the name perhaps too. */
        List<String> duplicate() {
            long k = good[random.nextInt(goodCount)];
            Person person = people.person(k);
            return write(person, style(k) + 1 + random.nextInt(10), style(k) + 1 + random.nextInt(6));
        }

        List<String> bad() {
            Person person = freshPerson();
            SplittableRandom r = new SplittableRandom(random.nextLong());
            List<String> row = write(person, random.nextInt(11), random.nextInt(7));
            String[] values = row.toArray(String[]::new);
            String digits = Long.toString(person.mobile());
            switch (r.nextInt(12)) {
                case 0 -> noPhone(values, "0" + digits.substring(0, 4) + " " + digits.substring(4, 9)); // a digit short
                case 1 -> noPhone(values, "07700 900" + (100 + r.nextInt(900))); // Ofcom's drama range: never allocated
                case 2 -> noPhone(values, digits.charAt(0) + "." + digits.substring(1, 7) + "E+09"); // a General cell
                case 3 -> noPhone(values, Pick.of(r, List.of("n/a", "TBC", "ex-directory", "-", "none")));
                case 4 -> noPhone(values, "");
                case 5 -> {
                    values[MOBILE] = "";
                    values[HOME] = "01632 960" + (100 + r.nextInt(900)); // the drama range for landlines
                }
                default -> values[COLUMNS.indexOf("last_name")] = People.overLongLastName(r);
            }
            return List.of(values);
        }

        private static void noPhone(String[] values, String mobile) {
            values[MOBILE] = mobile;
            values[HOME] = "";
        }

        /** A person as a row, their phones in the given styles and the rest as untidily as people type. */
        List<String> write(Person p, int mobileStyle, int landlineStyle) {
            String first = untidy(p.firstName());
            String last = untidy(p.lastName());
            String postcode = switch (random.nextInt(8)) {
                case 0 -> p.postcode().toLowerCase(Locale.ROOT);
                case 1 -> p.postcode().replace(" ", "");
                default -> p.postcode();
            };
            String email = random.nextInt(10) == 0 ? capitalised(p.email()) : p.email();
            String home = p.landline() == 0 ? ""
                    : UkNumbers.writeLandline(p.landline(), p.town().areaCode().length(), landlineStyle);
            return List.of(p.title(), first, last, p.address1(), p.address2(), p.town().name(), postcode, email,
                    UkNumbers.writeMobile(p.mobile(), mobileStyle), home, p.company());
        }

        private String untidy(String name) {
            return switch (random.nextInt(12)) {
                case 0 -> name.toUpperCase(Locale.ROOT);
                case 1 -> name.toLowerCase(Locale.ROOT);
                case 2 -> "  " + name + " ";
                default -> name;
            };
        }

        private static String capitalised(String email) {
            return Character.toUpperCase(email.charAt(0)) + email.substring(1);
        }

        /** The style a person's own (first) row writes their phones in. */
        private static int style(long k) {
            return (int) Math.floorMod(k * 0x9E3779B97F4A7C15L >>> 40, 77L);
        }
    }

    /** A random element. */
    private static final class Pick {
        static <T> T of(Random random, List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        static <T> T of(SplittableRandom random, List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }
}
