package com.leadloader.lead;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.leadloader.spec.PhonesSpec;
import com.leadloader.spec.PhonesSpec.PhoneType;
import com.leadloader.spec.PhonesSpec.Strictness;
import java.util.Locale;

/**
 * Turns a phone number as people and spreadsheets write it into one canonical form, with
 * libphonenumber, or says why it cannot. It never guesses: a value that is not unambiguously one
 * number of the spec's region (scientific notation, letters, wrong length, another country) is refused.
 *
 * <p>Besides what libphonenumber reads itself ({@code +44}, {@code 0044}, spaces, dashes), it
 * undoes what spreadsheets do to numbers: a trailing {@code .0}, a lost leading zero
 * ({@code 7911123456}), a country code without its plus ({@code 447911123456}), and the
 * {@code (0)} trunk prefix written after a country code. Immutable and thread-safe.
 */
public final class PhoneNormalizer {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final PhonesSpec spec;
    private final String region;
    private final int countryCode;
    /** By national number length: whether libphonenumber calls a number of this country that long possible. */
    private final boolean[] possibleLengths;
    private final String countryCodeDigits;
    private final String nationalPrefix;
    private final boolean internationalPrefixIs00;
    /** The shortcut for plainly written numbers; null when the region's rules do not allow one. */
    private final PlainNumbers plain;

    public PhoneNormalizer(PhonesSpec spec) {
        this.spec = spec;
        this.region = spec.region().toUpperCase(Locale.ROOT);
        this.countryCode = UTIL.getCountryCodeForRegion(region);
        if (countryCode == 0) {
            throw new IllegalArgumentException("phones.region: '" + spec.region()
                    + "' is not a region libphonenumber knows (use an ISO 3166 code such as GB)");
        }
        this.countryCodeDigits = Integer.toString(countryCode);
        this.nationalPrefix = UTIL.getNddPrefixForRegion(region, true);
        this.internationalPrefixIs00 = dialsInternationalWith00(region, countryCode);
        this.possibleLengths = PlainNumbers.possibleLengths(countryCode);
        this.plain = PlainNumbers.forRegion(this, spec, region, countryCode);
    }

    /** Whether libphonenumber calls a national number of this country {@code length} digits long possible. */
    boolean possibleLength(int length) {
        return length < possibleLengths.length && possibleLengths[length];
    }

    /** The region numbers without a country code are read in, e.g. {@code GB}. */
    public String region() {
        return region;
    }

    /** Whether the region dials abroad with 00, judged by parsing its example number written that way. */
    private static boolean dialsInternationalWith00(String region, int countryCode) {
        PhoneNumber example = UTIL.getExampleNumber(region);
        if (example == null) {
            return false;
        }
        try {
            PhoneNumber parsed = UTIL.parse("00" + countryCode + UTIL.getNationalSignificantNumber(example), region);
            return parsed.getCountryCode() == countryCode
                    && parsed.getNationalNumber() == example.getNationalNumber();
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** Normalises one raw value to the spec's format, or refuses it with a reason. */
    public PhoneResult normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return PhoneResult.rejected("is empty");
        }
        Cleaned cleaned = clean(raw);
        if (cleaned.rejection != null) {
            return PhoneResult.rejected(cleaned.rejection);
        }
        PhoneResult fast = plain == null ? null : plain.normalize(cleaned.digits);
        return fast != null ? fast : parseAndJudge(cleaned.digits);
    }

    /**
     * {@link #normalize} through libphonenumber's parser alone, without the plain-number shortcut:
     * the reference the shortcut must agree with, byte for byte.
     */
    PhoneResult normalizeWithParser(String raw) {
        if (raw == null || raw.isBlank()) {
            return PhoneResult.rejected("is empty");
        }
        Cleaned cleaned = clean(raw);
        if (cleaned.rejection != null) {
            return PhoneResult.rejected(cleaned.rejection);
        }
        return parseAndJudge(cleaned.digits);
    }

    private PhoneResult parseAndJudge(String digits) {
        Parsed parsed = parseBest(digits, spec.strictness() == Strictness.VALID);
        if (parsed.number == null) {
            return PhoneResult.rejected(parsed.rejection);
        }
        PhoneNumber number = parsed.number;
        PhoneType type = parsed.valid ? typeOf(number) : PhoneType.UNKNOWN;
        // A merely possible number has no type to judge (libphonenumber classifies valid numbers only).
        if (parsed.valid && !spec.allowedTypes().contains(type)) {
            return notAllowed(type);
        }
        return PhoneResult.accepted(format(number), type);
    }

    static PhoneResult notAllowed(PhoneType type) {
        return PhoneResult.rejected("is a " + describe(type) + " number (" + type
                + "), a type phones.allowed-types does not allow");
    }

    /**
     * The E.164 digits of a number as a long ({@code 447911123456}), for compact matching; -1 when
     * the value is not a possible phone number. Any value {@link #normalize} accepts, and its output,
     * give the same key.
     */
    public long e164Digits(String raw) {
        if (raw == null || raw.isBlank()) {
            return -1;
        }
        Cleaned cleaned = clean(raw);
        if (cleaned.rejection != null) {
            return -1;
        }
        long fast = plainE164(cleaned.digits);
        if (fast >= 0) {
            return fast;
        }
        Parsed parsed = parseBest(cleaned.digits, false);
        if (parsed.number == null) {
            return -1;
        }
        String nsn = UTIL.getNationalSignificantNumber(parsed.number);
        return Long.parseLong(parsed.number.getCountryCode() + nsn);
    }

    /**
     * The E.164 digits of a number written plainly ({@code +44...}, {@code 0044...} where 00 is the
     * international prefix, or trunk prefix {@code 0...}) without libphonenumber's parser, whose
     * regular expressions cost microseconds a number: a TPS extract has millions. -1 when the value
     * needs the parser.
     */
    private long plainE164(String digits) {
        int start;
        if (digits.startsWith(countryCodeDigits, 1) && digits.charAt(0) == '+') {
            start = 1 + countryCodeDigits.length();
        } else if (internationalPrefixIs00 && digits.startsWith("00") && digits.startsWith(countryCodeDigits, 2)) {
            start = 2 + countryCodeDigits.length();
        } else if ("0".equals(nationalPrefix) && digits.length() > 1 && digits.charAt(0) == '0'
                && digits.charAt(1) != '0') {
            start = 1;
        } else {
            return -1;
        }
        int nationalLength = digits.length() - start;
        if (nationalLength < 4 || nationalLength + countryCodeDigits.length() > 15 || digits.charAt(start) == '0') {
            return -1;
        }
        if (!possibleLength(nationalLength)) {
            return -1;
        }
        long national = Long.parseLong(digits, start, digits.length(), 10);
        long scale = 1;
        for (int i = start; i < digits.length(); i++) {
            scale *= 10;
        }
        return countryCode * scale + national; // the digits of cc then national: national has no leading zero
    }

    String format(PhoneNumber number) {
        if (spec.format() == PhonesSpec.PhoneFormat.E164) {
            return UTIL.format(number, PhoneNumberFormat.E164);
        }
        String national = digitsOnly(UTIL.format(number, PhoneNumberFormat.NATIONAL));
        // Numbers matching no formatting pattern come back without the trunk prefix.
        if (nationalPrefix != null && national.equals(UTIL.getNationalSignificantNumber(number))) {
            return nationalPrefix + national;
        }
        return national;
    }

    /** Tries the value as written, then the spreadsheet repairs; the first acceptable one wins. */
    private Parsed parseBest(String digits, boolean requireValid) {
        Parsed first = tryParse(digits, requireValid);
        if (first.number != null || digits.charAt(0) == '+' || digits.charAt(0) == '0') {
            return first;
        }
        if (digits.startsWith(countryCodeDigits)) {
            Parsed international = tryParse("+" + digits, requireValid);
            if (international.number != null) {
                return international;
            }
        }
        if (nationalPrefix != null) {
            Parsed withPrefix = tryParse(nationalPrefix + digits, requireValid);
            if (withPrefix.number != null) {
                return withPrefix;
            }
        }
        return first;
    }

    private Parsed tryParse(String digits, boolean requireValid) {
        PhoneNumber number;
        try {
            number = UTIL.parse(digits, region);
        } catch (NumberParseException e) {
            return Parsed.refused(notValid(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "unknown country code";
                case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
                case TOO_LONG -> "too long";
                default -> "not a phone number";
            }));
        }
        if (number.getCountryCode() != countryCode) {
            String other = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
            return Parsed.refused("is a " + other + " number (+" + number.getCountryCode()
                    + "), not a " + region + " one");
        }
        ValidationResult possible = UTIL.isPossibleNumberWithReason(number);
        if (possible != ValidationResult.IS_POSSIBLE) {
            return Parsed.refused(notValid(switch (possible) {
                case TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY -> "too short";
                case TOO_LONG -> "too long";
                case INVALID_COUNTRY_CODE -> "unknown country code";
                default -> "wrong number of digits";
            }));
        }
        boolean valid = UTIL.isValidNumber(number);
        if (requireValid && !valid) {
            return Parsed.refused(notValid("not in a range allocated for use"));
        }
        return new Parsed(number, valid, null);
    }

    String notValid(String why) {
        return "is not a valid " + region + " number: " + why;
    }

    /** Strips formatting to {@code +} and digits, refusing what no repair can make a number. */
    private static Cleaned clean(String raw) {
        if (isPlainDigits(raw)) {
            return new Cleaned(raw, null); // what the loop below would build, as most values are already clean
        }
        String s = raw.strip();
        if (isScientific(s)) {
            return Cleaned.refused("is in scientific notation: a spreadsheet stored it as a number"
                    + " and its last digits are lost; format the column as text at the source");
        }
        s = stripTrailingPointZero(s);
        boolean international = s.startsWith("+") || s.startsWith("00");
        char[] digits = new char[s.length()];
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits[length++] = c;
            } else if (c == '+' && length == 0 && i == 0) {
                digits[length++] = c;
            } else if (c == '(' && international && s.startsWith("(0)", i)) {
                i += 2; // "+44 (0)7911 ...": the trunk prefix must not follow a country code
            } else if (Character.isLetter(c)) {
                return Cleaned.refused("contains letters");
            } else if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) // no-break spaces from Excel and the web
                    || c == '-' || c == '.' || c == '(' || c == ')' || c == '/')) {
                return Cleaned.refused("contains " + shown(c) + ", which is not part of a phone number");
            }
        }
        int firstDigit = length > 0 && digits[0] == '+' ? 1 : 0;
        if (length == firstDigit) {
            return Cleaned.refused("has no digits");
        }
        return new Cleaned(new String(digits, 0, length), null);
    }

    /** Digits, perhaps after one leading {@code +}: a value cleaning leaves as it is. */
    private static boolean isPlainDigits(String s) {
        int i = !s.isEmpty() && s.charAt(0) == '+' ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code 7.7009E+09}: what Excel shows for a long number in a General cell. */
    private static boolean isScientific(String s) {
        int e = Math.max(s.indexOf('E'), s.indexOf('e'));
        if (e <= 0 || e == s.length() - 1) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i != e && !(c >= '0' && c <= '9') && c != '.' && c != '+' && c != '-') {
                return false;
            }
        }
        return Character.isDigit(s.charAt(e - 1));
    }

    /** {@code 7911123456.0} (a float left by a spreadsheet) to {@code 7911123456}. */
    private static String stripTrailingPointZero(String s) {
        int point = s.lastIndexOf('.');
        if (point <= 0 || point == s.length() - 1 || !Character.isDigit(s.charAt(point - 1))) {
            return s;
        }
        for (int i = point + 1; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return s;
            }
        }
        for (int i = 0; i < point; i++) {
            if (!Character.isDigit(s.charAt(i)) && !(i == 0 && s.charAt(i) == '+')) {
                return s;
            }
        }
        return s.substring(0, point);
    }

    static String digitsOnly(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static PhoneType typeOf(PhoneNumber number) {
        try {
            return PhoneType.valueOf(UTIL.getNumberType(number).name());
        } catch (IllegalArgumentException e) {
            return PhoneType.UNKNOWN;
        }
    }

    private static String describe(PhoneType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private record Cleaned(String digits, String rejection) {
        static Cleaned refused(String why) {
            return new Cleaned(null, why);
        }
    }

    private record Parsed(PhoneNumber number, boolean valid, String rejection) {
        static Parsed refused(String why) {
            return new Parsed(null, false, why);
        }
    }

    /** A character as a message shows it: {@code '#'}, or {@code U+200B} for one a reader could not see. */
    static String shown(char c) {
        boolean visible = c > ' ' && !Character.isISOControl(c) && !Character.isSpaceChar(c)
                && Character.getType(c) != Character.FORMAT && Character.isDefined(c);
        return visible ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
