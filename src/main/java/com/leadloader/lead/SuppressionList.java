package com.leadloader.lead;

import com.leadloader.cli.UserError;
import com.leadloader.source.FixedMap;
import com.leadloader.spec.SuppressionFile;
import com.leadloader.spec.SuppressionSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Numbers and emails never to load, read from the spec's suppression files. Numbers are normalised
 * like the leads' ({@code +44 7911 123456} matches {@code 07911123456}) and kept as sorted
 * {@code long[]} of E.164 digits, about 10 bytes a number with its filter, so a TPS extract of
 * millions fits. A stale or missing file stops the run before anything is loaded. Immutable and
 * thread-safe once loaded.
 */
public final class SuppressionList {

    /** What on a lead matched a list. */
    public enum Kind { PHONE, EMAIL }

    /**
     * @param file  the suppression file that lists it, as the spec names it
     * @param kind  a phone number or an email
     * @param field the lead's field that matched
     */
    public record Match(String file, Kind kind, String field) {
    }

    private record ListFile(String name, NumberSet numbers, Set<String> emails) {
    }

    /** How many of a file's unreadable lines a refusal quotes. */
    private static final int SHOWN_LINES = 3;

    private final List<ListFile> lists;
    private final List<String> warnings;
    private final PhoneNormalizer normalizer;
    /** Whether any list has an email: a list of numbers only needs no lead's email looked at. */
    private final boolean anyEmails;

    private SuppressionList(List<ListFile> lists, List<String> warnings, PhoneNormalizer normalizer) {
        this.lists = List.copyOf(lists);
        this.warnings = List.copyOf(warnings);
        this.normalizer = normalizer;
        this.anyEmails = lists.stream().anyMatch(list -> !list.emails.isEmpty());
    }

    /** A list that suppresses nothing. */
    public static SuppressionList none(PhoneNormalizer normalizer) {
        return new SuppressionList(List.of(), List.of(), normalizer);
    }

    /**
     * Reads every file of the spec.
     *
     * @throws StaleSuppressionException when a file is older than {@code maxAgeDays} (or undated) and
     *                                   the spec says REFUSE
     * @throws UserError                 when a file is missing or unreadable, or has a line that is
     *                                   neither a phone number nor an email
     */
    public static SuppressionList load(SuppressionSpec spec, PhoneNormalizer normalizer, Clock clock) {
        List<ListFile> lists = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        for (int i = 0; i < spec.files().size(); i++) {
            SuppressionFile file = spec.files().get(i);
            String where = "suppression.files[" + i + "]";
            Path path = Path.of(file.path());
            if (!Files.isRegularFile(path)) {
                throw new UserError(where + ": suppression file '" + file.path() + "' does not exist");
            }
            // max-age-days: 0 turns the check off (docs/job-spec.md), so screened-on is not needed then.
            String stale = spec.maxAgeDays() == 0 ? null : staleness(file, spec.maxAgeDays(), today);
            if (stale != null) {
                if (spec.onStale() == SuppressionSpec.StalePolicy.REFUSE) {
                    throw new StaleSuppressionException(where + ": " + stale
                            + ": screen it again, or set suppression.on-stale: warn to load anyway");
                }
                warnings.add(where + ": " + stale);
            }
            lists.add(read(where, file.path(), path, normalizer));
        }
        return new SuppressionList(lists, warnings, normalizer);
    }

    private static String staleness(SuppressionFile file, int maxAgeDays, LocalDate today) {
        if (file.screenedOn() == null) {
            return "suppression file '" + file.path() + "' has no screenedOn date, so its age is unknown"
                    + " (the maximum age is " + maxAgeDays + " days)";
        }
        long age = ChronoUnit.DAYS.between(file.screenedOn(), today);
        if (age > maxAgeDays) {
            return "suppression file '" + file.path() + "' was screened on " + file.screenedOn() + ", "
                    + age + " days ago; the maximum age is " + maxAgeDays + " days";
        }
        return null;
    }

    /**
     * Reads one list. A line that is neither a number nor an email refuses the run: it is almost
     * always an opted-out number written so that it cannot be read ({@code 07400 121204 (opt out)},
     * {@code 7.400121208E9}), and loading that person anyway is what the list is there to stop.
     */
    private static ListFile read(String where, String name, Path path, PhoneNormalizer normalizer) {
        LongBuffer numbers = new LongBuffer();
        Set<String> emails = new HashSet<>();
        long unreadable = 0;
        List<String> firstUnreadable = new ArrayList<>();
        long line = 0;
        boolean csv = name.toLowerCase(Locale.ROOT).endsWith(".csv");
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8))) {
            Iterator<String> values = csv ? firstColumns(reader) : reader.lines().iterator();
            while (values.hasNext()) {
                String raw = values.next();
                line++;
                String value = raw.strip();
                if (line == 1 && !value.isEmpty() && value.charAt(0) == '\uFEFF') {
                    value = value.substring(1).strip();
                }
                if (value.isEmpty() || value.startsWith("#")) {
                    continue;
                }
                if (value.indexOf('@') > 0) {
                    emails.add(value.toLowerCase(Locale.ROOT));
                    continue;
                }
                long key = normalizer.e164Digits(value);
                if (key >= 0) {
                    numbers.add(key);
                } else if (!(line == 1 && isHeader(value))) {
                    unreadable++;
                    if (firstUnreadable.size() < SHOWN_LINES) {
                        firstUnreadable.add("line " + line + " '" + shown(value) + "'");
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserError("suppression file '" + name + "' cannot be read: " + e.getMessage(),
                    com.leadloader.cli.ExitCodes.CONFIGURATION_ERROR, e);
        }
        if (unreadable > 0) {
            throw new UserError(where + ": suppression file '" + name + "' has " + unreadable + " line(s) that are"
                    + " neither a phone number nor an email, so they would suppress nothing ("
                    + String.join(", ", firstUnreadable) + (unreadable > SHOWN_LINES ? ", ..." : "")
                    + "); fix the list so that each line holds one number or email"
                    + (csv ? " in its first column" : "") + ", then run again");
        }
        return new ListFile(name, new NumberSet(numbers.sortedUnique()), emails);
    }

    /**
     * A first line is a header ({@code number}, {@code phone,reason}) only when it has no digit, so
     * an opted-out number on the first line, however it is written, is never taken for one.
     */
    private static boolean isHeader(String value) {
        return value.chars().noneMatch(Character::isDigit);
    }

    /** A line as the refusal quotes it: on one line, and short. */
    private static String shown(String value) {
        String oneLine = value.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "...";
    }

    private static Iterator<String> firstColumns(Reader reader) throws IOException {
        CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(reader);
        return parser.stream().map((CSVRecord r) -> r.size() == 0 ? "" : r.get(0)).iterator();
    }

    /** The file of the first list that has one of the lead's phones or emails. */
    public Optional<String> match(Lead lead) {
        return find(lead).map(Match::file);
    }

    /** What matched, and in which list; empty when the lead is on no list. */
    public Optional<Match> find(Lead lead) {
        if (lists.isEmpty()) {
            return Optional.empty();
        }
        FixedMap<String, String> fields = lead.fixedFields();
        boolean[] phone = PhoneProcessor.phoneFields(fields.keys());
        boolean[] email = anyEmails ? DedupeKeys.emailFields(fields.keys()) : null;
        for (int i = 0; i < phone.length; i++) {
            String value = fields.valueAt(i);
            if (!(phone[i] || email != null && email[i]) || value == null || value.isBlank()) {
                continue;
            }
            if (phone[i]) {
                long key = normalizer.e164Digits(value);
                if (key < 0) {
                    continue;
                }
                for (ListFile list : lists) {
                    if (list.numbers.contains(key)) {
                        return Optional.of(new Match(list.name, Kind.PHONE, fields.keys().name(i)));
                    }
                }
            } else {
                String address = value.strip().toLowerCase(Locale.ROOT);
                for (ListFile list : lists) {
                    if (list.emails.contains(address)) {
                        return Optional.of(new Match(list.name, Kind.EMAIL, fields.keys().name(i)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Stale lists loaded under WARN. */
    public List<String> warnings() {
        return warnings;
    }

    /** How many distinct numbers and emails the lists hold. */
    public long size() {
        long n = 0;
        for (ListFile list : lists) {
            n += list.numbers.size() + list.emails.size();
        }
        return n;
    }

    /**
     * Numbers sorted for a binary search, behind a Bloom filter of two hashes (one to two bytes a
     * number) that refuses most numbers not listed with one or two memory reads, where the search
     * would make twenty into an array of millions. It lets 1.5-5% of the numbers not listed through
     * to the search (one hash in half the bits let 12-22% through): most of a load's numbers are not
     * on the list.
     */
    private static final class NumberSet {
        /** Odd multipliers for the two hashes (the golden ratio's, and MurmurHash3's finaliser's). */
        private static final long FIRST = 0x9E3779B97F4A7C15L;
        private static final long SECOND = 0xC4CEB9FE1A85EC53L;

        private final long[] sorted;
        private final long[] filter;
        private final int mask;

        NumberSet(long[] sorted) {
            this.sorted = sorted;
            int bits = (int) Math.min(1L << 30, Math.max(1L << 12, Long.highestOneBit(Math.max(1, sorted.length) * 16L)));
            this.filter = new long[bits / 64];
            this.mask = bits - 1;
            for (long number : sorted) {
                set(bit(number, FIRST));
                set(bit(number, SECOND));
            }
        }

        boolean contains(long number) {
            return isSet(bit(number, FIRST)) && isSet(bit(number, SECOND)) && Arrays.binarySearch(sorted, number) >= 0;
        }

        private void set(int bit) {
            filter[bit >>> 6] |= 1L << bit;
        }

        private boolean isSet(int bit) {
            return (filter[bit >>> 6] & (1L << bit)) != 0;
        }

        int size() {
            return sorted.length;
        }

        private int bit(long number, long multiplier) {
            long h = number * multiplier;
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }

    /** A growable {@code long[]}: boxing millions of numbers would cost five times the memory. */
    private static final class LongBuffer {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        long[] sortedUnique() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int unique = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[unique++] = sorted[i];
                }
            }
            return unique == sorted.length ? sorted : Arrays.copyOf(sorted, unique);
        }
    }
}
