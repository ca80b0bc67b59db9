package com.leadloader.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An automaton must answer exactly what the regex it replaces answers: every national number
 * pattern and leading-digits pattern of every region libphonenumber knows, on each description's
 * example number, the example changed digit by digit, cut short and made longer, and random digits.
 */
class DigitPatternTest {

    @Test
    void everyPatternOfEveryRegionAnswersAsItsRegexDoes() {
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        SplittableRandom random = new SplittableRandom(11);
        int patterns = 0;
        long compared = 0;
        for (String region : PhoneNumberUtil.getInstance().getSupportedRegions()) {
            PhoneMetadata metadata = source.getMetadataForRegion(region);
            List<PhoneNumberDesc> descs = descriptions(metadata);
            Set<String> inputs = inputs(descs, random);
            List<String> regexes = new ArrayList<>();
            descs.forEach(d -> regexes.add(d.getNationalNumberPattern()));
            if (metadata.hasLeadingDigits()) {
                regexes.add(metadata.getLeadingDigits());
            }
            for (String regex : regexes) {
                if (regex.isEmpty()) {
                    continue;
                }
                DigitPattern automaton = DigitPattern.compile(regex);
                assertThat(automaton).as("%s pattern %s compiles", region, regex).isNotNull();
                Pattern pattern = Pattern.compile(regex);
                for (String input : inputs) {
                    Matcher m = pattern.matcher(input);
                    assertThat(automaton.matches(input)).as("%s: %s matches %s", region, regex, input)
                            .isEqualTo(m.matches());
                    assertThat(automaton.matchesAStartOf(input, 0)).as("%s: %s starts %s", region, regex, input)
                            .isEqualTo(m.reset().lookingAt());
                    int from = input.length() / 3;
                    assertThat(automaton.matchesAStartOf(input, from)).as("%s: %s starts %s at %d", region, regex, input, from)
                            .isEqualTo(m.reset().region(from, input.length()).lookingAt());
                    compared++;
                }
                patterns++;
            }
        }
        assertThat(patterns).isGreaterThan(1_300);
        assertThat(compared).isGreaterThan(900_000);
    }

    @Test
    void syntaxOutsideThePhonePatternsIsLeftToTheRegex() {
        assertThat(DigitPattern.compile("([25-9]\\d{5})$|0|180020")).isNull(); // an anchor
        assertThat(DigitPattern.compile("(?=7)\\d{10}")).isNull();
        assertThat(DigitPattern.compile("[^0]\\d{9}")).isNull();
        assertThat(DigitPattern.compile("\\s*\\d+")).isNull();
        assertThat(DigitPattern.compile("7.*")).isNull();
        assertThat(DigitPattern.compile("")).isNull();
        assertThat(DigitPattern.compile("0|180020").matchesAStartOf("0180020123", 0)).isTrue();
        assertThat(DigitPattern.compile("0|180020").matchesAStartOf("7911123456", 0)).isFalse();
        assertThat(DigitPattern.compile("7(?:[1-3]\\d|4[0-5])\\d{7}").matches("7911123456")).isFalse();
        assertThat(DigitPattern.compile("7(?:[1-3]\\d|4[0-5])\\d{7}").matches("7451234567")).isTrue();
    }

    private static List<PhoneNumberDesc> descriptions(PhoneMetadata m) {
        return List.of(m.getGeneralDesc(), m.getFixedLine(), m.getMobile(), m.getTollFree(), m.getPremiumRate(),
                m.getSharedCost(), m.getPersonalNumber(), m.getVoip(), m.getPager(), m.getUan(), m.getVoicemail());
    }

    private static Set<String> inputs(List<PhoneNumberDesc> descs, SplittableRandom random) {
        Set<String> inputs = new LinkedHashSet<>(List.of("", "0", "00", "1", "7"));
        for (PhoneNumberDesc desc : descs) {
            String example = desc.getExampleNumber();
            if (example.isEmpty()) {
                continue;
            }
            inputs.add(example);
            for (int i = 0; i < example.length(); i++) {
                inputs.add(example.substring(0, i));
                for (char d = '0'; d <= '9'; d++) {
                    inputs.add(example.substring(0, i) + d + example.substring(i + 1));
                }
            }
            inputs.add(example + random.nextInt(10));
            inputs.add(example + random.nextInt(10) + random.nextInt(10));
        }
        for (int i = 0; i < 200; i++) {
            StringBuilder digits = new StringBuilder();
            for (int n = random.nextInt(4, 14); n > 0; n--) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            inputs.add(digits.toString());
        }
        return inputs;
    }
}
