package com.leadloader.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.generate.LeadGenerator;
import com.leadloader.spec.PhonesSpec;
import com.leadloader.spec.PhonesSpec.PhoneFormat;
import com.leadloader.spec.PhonesSpec.PhoneType;
import com.leadloader.spec.PhonesSpec.Strictness;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shortcut past libphonenumber's parser must give, for every value, exactly what the parser's path
 * gives: the generator's numbers in every way it writes them, and values built to probe the edges.
 */
class PlainNumbersTest {

    private static final List<String> HOSTILE = List.of(
            "07911 123456", "+44 (0)7911 123456", "0044 7911 123456", "447911123456", "7911123456",
            "7911123456.0", "07911-123-456", " 07911123456 ", "(07911) 123456", "+447911123456",
            "07123 456789", "7.7009E+09", "7.91112E+09", "7,79E+09", "0791112345a", "CALL ME", "07911",
            "079111234567", "+33 6 12 34 56 78", "07700 900123", "01632 960123", "---", "+", "0", "00", "000",
            "+44", "0044", "+440", "+4407911123456", "004407911123456", "440", "44 7911 123456",
            "+353 85 123 4567", "00353 85 123 4567", "353851234567", "+1 212 555 0100", "0012125550100",
            "09061 123456", "0800 123 4567", "0808 157 0192", "0800 1111", "0845 464 0000", "0300 123 1234",
            "0560 123 4567", "070 1234 5678", "076 2412 3456", "0500 123456", "0870 123 4567",
            "07781 123456", "07797 123456", "07624 123456", "07839 123456", "07911 123456 7",
            "01481 712345", "01534 712345", "01624 712345", "+44 1481 712345", "+44 7624 123456",
            "7624123456", "7797123456", "7781123456", "01800 20 1234", "0180020 1234", "180020123456",
            "+44 180020 1234", "+44180020123456", "020 7946 0123", "2079460123", "0207 946 0123",
            "0113 496 0123", "01223 123456", "+44 (0) 20 7946 0123", "+44 (0)20 7946 0123",
            "12345678901234567", "+123456789012345678", "0044 0 7911 123456", "0.0", "07911123456.00",
            "07911123456.5", "+44.7911.123456", "0 7 9 1 1 1 2 3 4 5 6", "07911/123456", "07911_123456",
            "\u00a007911123456", "0７911123456", "1", "12", "123", "1234", "01234", "112", "999", "0999",
            "+44 999", "+44 1234", "+4412345", "0118 999 881 999 119 725 3");

    @TempDir
    Path dir;

    @Test
    void theShortcutGivesWhatTheParserGivesForEveryValue() throws IOException {
        List<String> values = new ArrayList<>(HOSTILE);
        values.addAll(generatedPhones(25_000));
        values.addAll(probes(new SplittableRandom(7), 30_000));

        int compared = 0;
        for (PhonesSpec spec : specs()) {
            PhoneNormalizer normalizer = new PhoneNormalizer(spec);
            for (String value : values) {
                PhoneResult expected = normalizer.normalizeWithParser(value);
                PhoneResult actual = normalizer.normalize(value);
                assertThat(actual).as("'%s' with %s", value, spec).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(values.size()).isGreaterThan(75_000);
        assertThat(compared).isGreaterThan(800_000);
    }

    @Test
    void theShortcutTakesMostOfTheGeneratorsNumbers() throws IOException {
        PhoneNormalizer normalizer = new PhoneNormalizer(PhonesSpec.defaults());
        PlainNumbers plain = PlainNumbers.forRegion(normalizer, PhonesSpec.defaults(), "GB", 44);
        List<String> values = generatedPhones(2_000);
        long taken = values.stream()
                .map(v -> v.replaceAll("[^+0-9]", ""))
                .filter(digits -> digits.matches("\\+?[0-9]+") && plain.normalize(digits) != null)
                .count();

        assertThat(taken).isGreaterThan(values.size() / 2L);
    }

    @Test
    void numbersOfTheCrownDependenciesKeepTheirOwnType() {
        PhoneNormalizer gb = new PhoneNormalizer(PhonesSpec.defaults());

        assertThat(gb.normalize("07797 123456")).isEqualTo(gb.normalizeWithParser("07797 123456"));
        assertThat(gb.normalize("07624 123456")).isEqualTo(gb.normalizeWithParser("07624 123456"));
        assertThat(gb.normalize("01481 712345")).isEqualTo(gb.normalizeWithParser("01481 712345"));
    }

    @Test
    void whereATypePatternReachesPastTheGeneralOneTheGeneralCheckStillRefuses() {
        // AT and DE fixed-line patterns match these, the general patterns do not: libphonenumber calls
        // them invalid. Skipping the general check is proven safe for most regions, never for these.
        for (String[] regionAndNumber : List.of(new String[] {"AT", "04351000"}, new String[] {"DE", "04930000"})) {
            PhoneNormalizer normalizer = new PhoneNormalizer(
                    new PhonesSpec(regionAndNumber[0], PhoneFormat.E164, null, null, Strictness.VALID, null));
            PhoneResult result = normalizer.normalize(regionAndNumber[1]);

            assertThat(result).as(regionAndNumber[0]).isEqualTo(normalizer.normalizeWithParser(regionAndNumber[1]));
            assertThat(result.isValid()).as(regionAndNumber[0]).isFalse();
        }
    }

    private static List<PhonesSpec> specs() {
        List<PhonesSpec> specs = new ArrayList<>();
        Set<PhoneType> all = EnumSet.allOf(PhoneType.class);
        for (Strictness strictness : Strictness.values()) {
            for (PhoneFormat format : PhoneFormat.values()) {
                specs.add(new PhonesSpec("GB", format, null, null, strictness, null));
            }
            specs.add(new PhonesSpec("gb", PhoneFormat.NATIONAL, null, null, strictness, Set.of(PhoneType.MOBILE)));
            specs.add(new PhonesSpec("GB", PhoneFormat.E164, null, null, strictness, all));
        }
        specs.add(new PhonesSpec("JE", PhoneFormat.NATIONAL, null, null, Strictness.VALID, null));
        specs.add(new PhonesSpec("IE", PhoneFormat.E164, null, null, Strictness.VALID, null));
        specs.add(new PhonesSpec("FR", PhoneFormat.NATIONAL, null, null, Strictness.POSSIBLE, null));
        return specs;
    }

    /** Both phone columns of a generated file, written every way the generator writes them. */
    private List<String> generatedPhones(int rows) throws IOException {
        Path out = dir.resolve("leads-" + rows + ".csv");
        new LeadGenerator().generate(new LeadGenerator.Options(rows, LeadGenerator.Format.CSV, out, 42, 5, 5, 2));
        List<String> phones = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(out, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord record : parser) {
                phones.add(record.get("mobile"));
                phones.add(record.get("home_phone"));
            }
        }
        return phones;
    }

    /** Random numbers around the edges: every UK range, odd lengths, the forms a parser treats apart. */
    private static List<String> probes(SplittableRandom random, int count) {
        String[] starts = {"1", "2", "3", "5", "55", "56", "70", "74", "75", "76", "77", "7624", "7781", "7797",
                "7839", "79", "80", "800", "808", "84", "87", "9", "1481", "1534", "1624", "180020", "18002",
                "4", "44", "6", "0", "8001111", "1800"};
        String[] forms = {"0", "+44", "0044", "", "44", "+44 (0)", "00", "+353", "+", "0 ", "+44 0", "(0"};
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder national = new StringBuilder(starts[random.nextInt(starts.length)]);
            int length = 3 + random.nextInt(11);
            while (national.length() < length) {
                national.append(random.nextInt(10));
            }
            String value = forms[random.nextInt(forms.length)] + national;
            values.add(switch (random.nextInt(6)) {
                case 0 -> value + ".0";
                case 1 -> value.length() > 5 ? value.substring(0, 5) + " " + value.substring(5) : value;
                case 2 -> value.length() > 4 ? value.substring(0, 4) + "-" + value.substring(4) : value;
                default -> value;
            });
        }
        return values;
    }
}
