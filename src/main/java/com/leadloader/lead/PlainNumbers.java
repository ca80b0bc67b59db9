package com.leadloader.lead;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.NumberFormat;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import com.leadloader.spec.PhonesSpec;
import com.leadloader.spec.PhonesSpec.PhoneType;
import com.leadloader.spec.PhonesSpec.Strictness;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges a number of the spec's own country written plainly ({@code +44…}, {@code 0044…}, {@code 0…}
 * or the bare national digits) without libphonenumber's parser, with the same result as
 * {@link PhoneNormalizer}'s path through it, or returns null to leave the value to that path. It reads
 * libphonenumber's own metadata and finds a number's region and type once, where {@code isValidNumber}
 * then {@code getNumberType} find each twice: most of a load's time went there. It runs the metadata's
 * patterns as automata ({@link DigitPattern}) where their syntax allows, which it does for every region
 * libphonenumber 9 knows. Thread-safe.
 *
 * <p>It mirrors libphonenumber 9's {@code parse}, {@code getRegionCodeForNumber} and
 * {@code getNumberTypeHelper}; PlainNumbersTest holds it to the parser's results, value by value.
 */
final class PlainNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final PhoneNormalizer normalizer;
    private final int countryCode;
    private final String countryCodeDigits;
    private final boolean requireValid;
    private final Set<PhoneType> allowedTypes;
    private final boolean e164;
    /** What NATIONAL formatting puts before the national digits; null when only libphonenumber knows. */
    private final String nationalFormatPrefix;
    /** The parser strips what this finds at the start of a national number (GB: 0, or 180020). */
    private final Pattern nationalPrefixForParsing;
    /** The same as an automaton, for asking whether it finds anything; null when only the regex reads it. */
    private final DigitPattern nationalPrefixFound;
    /** Whether its first alternative is the lone trunk prefix 0 (GB: {@code 0|180020}), which then always wins on {@code 0…}. */
    private final boolean trunkPrefixFirst;
    /** The regions sharing the country code, in the order libphonenumber tries them. */
    private final RegionRules[] regions;

    private PlainNumbers(PhoneNormalizer normalizer, PhonesSpec spec, int countryCode, PhoneMetadata main,
                         List<RegionRules> regions) {
        this.normalizer = normalizer;
        this.countryCode = countryCode;
        this.countryCodeDigits = Integer.toString(countryCode);
        this.requireValid = spec.strictness() == Strictness.VALID;
        this.allowedTypes = spec.allowedTypes();
        this.e164 = spec.format() == PhonesSpec.PhoneFormat.E164;
        this.nationalFormatPrefix = nationalFormatKeepsDigits(main) ? main.getNationalPrefix() : null;
        this.nationalPrefixForParsing = Pattern.compile(main.getNationalPrefixForParsing());
        this.nationalPrefixFound = DigitPattern.compile(main.getNationalPrefixForParsing());
        this.trunkPrefixFirst = main.getNationalPrefixForParsing().equals("0")
                || main.getNationalPrefixForParsing().startsWith("0|");
        this.regions = regions.toArray(new RegionRules[0]);
    }

    /**
     * By national number length (0 to 17), whether {@code isPossibleNumberWithReason} answers
     * {@code IS_POSSIBLE} for a number of {@code countryCode} that long, read once from the metadata
     * it reads (the general description of the country code's main region, as its
     * {@code testNumberLength} does for an unknown type): a length listed as possible and not as
     * possible for local dialling only. Asking libphonenumber for every number built its metadata
     * file name and the number's digits again each time, a tenth of a load's garbage.
     */
    static boolean[] possibleLengths(int countryCode) {
        boolean[] possible = new boolean[18];
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        String region = UTIL.getRegionCodeForCountryCode(countryCode);
        PhoneMetadata metadata = "001".equals(region) ? source.getMetadataForNonGeographicalRegion(countryCode)
                : "ZZ".equals(region) ? null : source.getMetadataForRegion(region);
        if (metadata == null) {
            return possible;
        }
        List<Integer> lengths = metadata.getGeneralDesc().getPossibleLengthList();
        if (lengths.isEmpty() || lengths.get(0) == -1) {
            return possible;
        }
        for (int length : lengths) {
            if (length >= 0 && length < possible.length) {
                possible[length] = true;
            }
        }
        for (int localOnly : metadata.getGeneralDesc().getPossibleLengthLocalOnlyList()) {
            if (localOnly >= 0 && localOnly < possible.length) {
                possible[localOnly] = false;
            }
        }
        return possible;
    }

    /**
     * The shortcut for a region, or null when its rules are ones this class does not mirror: a region
     * that is not the main one of its country code, a trunk prefix other than 0, an international
     * prefix other than 00, or a trunk prefix that rewrites what follows it.
     */
    static PlainNumbers forRegion(PhoneNormalizer normalizer, PhonesSpec spec, String region, int countryCode) {
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        PhoneMetadata main = source.getMetadataForRegion(region);
        if (main == null || !region.equals(UTIL.getRegionCodeForCountryCode(countryCode))
                || !"0".equals(main.getNationalPrefix()) || !"00".equals(main.getInternationalPrefix())
                || main.getNationalPrefixForParsing().isEmpty() || !main.getNationalPrefixTransformRule().isEmpty()
                || canStartWith(main.getGeneralDesc().getNationalNumberPattern(), "0")) {
            return null;
        }
        List<RegionRules> rules = UTIL.getRegionCodesForCountryCode(countryCode).stream()
                .map(code -> RULES.computeIfAbsent(code, c -> new RegionRules(source.getMetadataForRegion(c))))
                .toList();
        return new PlainNumbers(normalizer, spec, countryCode, main, rules);
    }

    /**
     * The result for cleaned digits ({@code +} and digits), or null when the value is not plainly a
     * number of this country with a possible length, which is left to the parser, reasons and all.
     */
    PhoneResult normalize(String digits) {
        int start = nationalStart(digits);
        if (start < 0) {
            return null;
        }
        int length = digits.length() - start;
        if (length < 4 || length + countryCodeDigits.length() > 15 || digits.charAt(start) == '0') {
            return null;
        }
        if (!strippedAsTheParserWould(digits, start)) {
            return null;
        }
        String nsn = start == 0 ? digits : digits.substring(start);
        if (!normalizer.possibleLength(nsn.length())) {
            return null;
        }
        PhoneType type = classify(nsn);
        boolean valid = type != PhoneType.UNKNOWN;
        if (requireValid && !valid) {
            return PhoneResult.rejected(normalizer.notValid("not in a range allocated for use"));
        }
        if (valid && !allowedTypes.contains(type)) {
            return PhoneNormalizer.notAllowed(type);
        }
        return PhoneResult.accepted(format(nsn), type);
    }

    /** Where the national number starts in {@code +44…}, {@code 0044…}, {@code 0…} or bare digits; -1 otherwise. */
    private int nationalStart(String digits) {
        char first = digits.charAt(0);
        if (first == '+') {
            return digits.startsWith(countryCodeDigits, 1) ? 1 + countryCodeDigits.length() : -1;
        }
        if (digits.startsWith("00")) {
            return digits.startsWith(countryCodeDigits, 2) ? 2 + countryCodeDigits.length() : -1;
        }
        if (first == '0') {
            return 1;
        }
        // Bare digits that start like the country code are tried both ways by PhoneNormalizer.
        return digits.startsWith(countryCodeDigits) ? -1 : 0;
    }

    /**
     * Whether the parser's trunk-prefix stripping leaves exactly the national number: the lone 0 of
     * {@code 0…} is stripped, and nothing at the start of the national number of the other forms is.
     */
    private boolean strippedAsTheParserWould(String digits, int start) {
        if (start == 1) {
            if (trunkPrefixFirst) {
                return true; // the regex tries its alternatives in order, and the 0 matches
            }
            Matcher m = nationalPrefixForParsing.matcher(digits); // where a match ends is the regex's to say
            return m.lookingAt() && m.end() == 1;
        }
        if (nationalPrefixFound != null) {
            return !nationalPrefixFound.matchesAStartOf(digits, start);
        }
        Matcher m = nationalPrefixForParsing.matcher(digits).region(start, digits.length());
        return !m.lookingAt();
    }

    /** libphonenumber's type for the number, UNKNOWN when it is not valid (getRegionCodeForNumber, then the type). */
    PhoneType classify(String nsn) {
        if (regions.length == 1) {
            return regions[0].type(nsn);
        }
        for (RegionRules region : regions) {
            if (region.leadingDigits != null) {
                if (region.leadingDigits.matchesAStartOf(nsn)) {
                    return region.type(nsn);
                }
            } else {
                PhoneType type = region.type(nsn);
                if (type != PhoneType.UNKNOWN) {
                    return type;
                }
            }
        }
        return PhoneType.UNKNOWN;
    }

    private String format(String nsn) {
        if (e164) {
            return "+" + countryCodeDigits + nsn;
        }
        if (nationalFormatPrefix != null) {
            return nationalFormatPrefix + nsn;
        }
        return normalizer.format(new PhoneNumber().setCountryCode(countryCode).setNationalNumber(Long.parseLong(nsn)));
    }

    /**
     * Whether the digits of every NATIONAL format of the region are the trunk prefix then the national
     * number, in order, so that {@link PhoneNormalizer}'s format gives {@code 0} + the national number
     * (it adds the prefix itself when no pattern matches). True of GB: {@code (\d{3})(\d{4})}, {@code $1 $2},
     * {@code 0$1}.
     */
    private static boolean nationalFormatKeepsDigits(PhoneMetadata metadata) {
        String np = metadata.getNationalPrefix();
        for (NumberFormat f : metadata.getNumberFormatList()) {
            int groups = simpleDigitGroups(f.getPattern());
            if (groups < 1 || !groupsInOrder(f.getFormat(), groups)) {
                return false;
            }
            String rule = f.getNationalPrefixFormattingRule();
            if (!rule.isEmpty()) {
                int first = rule.indexOf("$1");
                if (first < 0 || rule.indexOf('$', first + 1) >= 0 || hasDigit(rule.substring(first + 2))
                        || rule.substring(0, first).indexOf('$') >= 0
                        || !PhoneNormalizer.digitsOnly(rule.substring(0, first)).equals(np)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** How many groups a pattern of only {@code (\d{n})} or {@code (\d{n,m})} groups has; -1 for any other pattern. */
    private static int simpleDigitGroups(String pattern) {
        Matcher m = Pattern.compile("\\(\\\\d\\{\\d+(?:,\\d+)?}\\)").matcher(pattern);
        int groups = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            groups++;
            at = m.end();
        }
        return at == pattern.length() ? groups : -1;
    }

    /** Whether a format is {@code $1} to {@code $n} in order with nothing but non-digits between. */
    private static boolean groupsInOrder(String format, int groups) {
        int next = 1;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '$') {
                if (i + 1 >= format.length() || format.charAt(i + 1) != (char) ('0' + next)) {
                    return false;
                }
                next++;
                i++;
            } else if (Character.isDigit(c)) {
                return false;
            }
        }
        return next == groups + 1 && groups < 10;
    }

    private static boolean hasDigit(String s) {
        return s.chars().anyMatch(Character::isDigit);
    }

    /** Whether some string starting with {@code prefix} could match the whole of {@code regex}. */
    private static boolean canStartWith(String regex, String prefix) {
        Matcher m = Pattern.compile(regex).matcher(prefix);
        return m.matches() || m.hitEnd();
    }

    /** Each region's rules, built (and {@link RegionRules#generalImplied} proven) once a JVM. */
    private static final Map<String, RegionRules> RULES = new ConcurrentHashMap<>();

    /** One region's number types, as getNumberTypeHelper tests them, with the patterns compiled once. */
    private static final class RegionRules {
        final LeadingDigits leadingDigits;
        final Desc general;
        final Desc premiumRate;
        final Desc tollFree;
        final Desc sharedCost;
        final Desc voip;
        final Desc personalNumber;
        final Desc pager;
        final Desc uan;
        final Desc voicemail;
        final Desc fixedLine;
        final Desc mobile;
        final boolean sameMobileAndFixedLine;
        /**
         * Whether every number a type's description matches is one the general description matches,
         * proven on the automata: then the general check, a whole pass over the digits for every
         * valid number, can answer nothing the type checks would not (true of GB and most regions).
         */
        final boolean generalImplied;

        RegionRules(PhoneMetadata m) {
            leadingDigits = m.hasLeadingDigits() ? new LeadingDigits(m.getLeadingDigits()) : null;
            general = new Desc(m.getGeneralDesc());
            premiumRate = new Desc(m.getPremiumRate());
            tollFree = new Desc(m.getTollFree());
            sharedCost = new Desc(m.getSharedCost());
            voip = new Desc(m.getVoip());
            personalNumber = new Desc(m.getPersonalNumber());
            pager = new Desc(m.getPager());
            uan = new Desc(m.getUan());
            voicemail = new Desc(m.getVoicemail());
            fixedLine = new Desc(m.getFixedLine());
            mobile = new Desc(m.getMobile());
            sameMobileAndFixedLine = m.getSameMobileAndFixedLinePattern();
            generalImplied = implies(general, premiumRate, tollFree, sharedCost, voip, personalNumber, pager, uan,
                    voicemail, fixedLine, mobile);
        }

        /** Whether every number each of {@code types} matches is matched by {@code general}. */
        private static boolean implies(Desc general, Desc... types) {
            Automaton all = general.language();
            if (all == null) {
                return false;
            }
            for (Desc type : types) {
                Automaton some = type.language();
                if (some == null || !some.subsetOf(all)) {
                    return false;
                }
            }
            return true;
        }

        PhoneType type(String nsn) {
            if (!generalImplied && !general.matches(nsn)) {
                return PhoneType.UNKNOWN;
            }
            if (premiumRate.matches(nsn)) {
                return PhoneType.PREMIUM_RATE;
            }
            if (tollFree.matches(nsn)) {
                return PhoneType.TOLL_FREE;
            }
            if (sharedCost.matches(nsn)) {
                return PhoneType.SHARED_COST;
            }
            if (voip.matches(nsn)) {
                return PhoneType.VOIP;
            }
            if (personalNumber.matches(nsn)) {
                return PhoneType.PERSONAL_NUMBER;
            }
            if (pager.matches(nsn)) {
                return PhoneType.PAGER;
            }
            if (uan.matches(nsn)) {
                return PhoneType.UAN;
            }
            if (voicemail.matches(nsn)) {
                return PhoneType.VOICEMAIL;
            }
            if (fixedLine.matches(nsn)) {
                return sameMobileAndFixedLine || mobile.matches(nsn) ? PhoneType.FIXED_LINE_OR_MOBILE : PhoneType.FIXED_LINE;
            }
            return !sameMobileAndFixedLine && mobile.matches(nsn) ? PhoneType.MOBILE : PhoneType.UNKNOWN;
        }
    }

    /** A region's leading digits: whether a number starts with them, as {@code lookingAt} answers. */
    private static final class LeadingDigits {
        private final DigitPattern automaton;
        private final Pattern pattern;

        LeadingDigits(String regex) {
            automaton = DigitPattern.compile(regex);
            pattern = automaton == null ? Pattern.compile(regex) : null;
        }

        boolean matchesAStartOf(String nsn) {
            return automaton != null ? automaton.matchesAStartOf(nsn, 0) : pattern.matcher(nsn).lookingAt();
        }
    }

    /**
     * A number description: its possible lengths (none listed: any) and its pattern (empty: matches
     * nothing), as an automaton ({@link DigitPattern}), or as the regex with the two-digit starts it
     * can match, so most numbers are refused without running it.
     */
    private static final class Desc {
        private final boolean anyLength;
        private final boolean[] lengths = new boolean[32];
        private final DigitPattern automaton;
        private final Pattern pattern;
        private final boolean[] starts = new boolean[100];

        Desc(PhoneNumberDesc desc) {
            anyLength = desc.getPossibleLengthCount() == 0;
            for (int length : desc.getPossibleLengthList()) {
                if (length >= 0 && length < lengths.length) {
                    lengths[length] = true;
                }
            }
            String regex = desc.getNationalNumberPattern();
            automaton = regex.isEmpty() ? null : DigitPattern.compile(regex);
            pattern = regex.isEmpty() || automaton != null ? null : Pattern.compile(regex);
            for (int start = 0; start < starts.length && pattern != null; start++) {
                // A match that fails without reading past the two digits fails for every number starting so.
                Matcher m = pattern.matcher(String.valueOf((char) ('0' + start / 10)) + (char) ('0' + start % 10));
                starts[start] = m.matches() || m.hitEnd();
            }
        }

        boolean matches(String nsn) {
            if (!anyLength && (nsn.length() >= lengths.length || !lengths[nsn.length()])) {
                return false;
            }
            if (automaton != null) {
                return automaton.matches(nsn);
            }
            if (pattern == null || nsn.length() >= 2 && !starts[(nsn.charAt(0) - '0') * 10 + nsn.charAt(1) - '0']) {
                return false;
            }
            return pattern.matcher(nsn).matches();
        }

        /**
         * The numbers {@link #matches} says yes to, as an automaton (its pattern within its possible
         * lengths); null when only a regex reads the pattern, so nothing can be proven of it.
         */
        Automaton language() {
            if (automaton == null) {
                return pattern == null ? Automaton.makeEmpty() : null;
            }
            Automaton language = automaton.language();
            if (anyLength) {
                return language;
            }
            Automaton ofLengths = Automaton.makeEmpty();
            for (int length = 0; length < lengths.length; length++) {
                if (lengths[length]) {
                    ofLengths = ofLengths.union(BasicAutomata.makeCharRange('0', '9').repeat(length, length));
                }
            }
            return language.intersection(ofLengths);
        }
    }
}
