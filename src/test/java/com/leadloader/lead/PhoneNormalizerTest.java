package com.leadloader.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.spec.PhonesSpec;
import com.leadloader.spec.PhonesSpec.PhoneFormat;
import com.leadloader.spec.PhonesSpec.PhoneType;
import com.leadloader.spec.PhonesSpec.Strictness;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNormalizerTest {

    // 07911 123456 is a valid mobile in libphonenumber 9.0.43 (checked); so, in that version, is 07123 456789.
    private final PhoneNormalizer gb = new PhoneNormalizer(PhonesSpec.defaults());

    @ParameterizedTest
    @ValueSource(strings = {"07911 123456", "+44 (0)7911 123456", "0044 7911 123456", "447911123456",
            "7911123456", "7911123456.0", "07911-123-456", " 07911123456 ", "(07911) 123456", "+447911123456"})
    void everyWayPeopleAndSpreadsheetsWriteAMobileGivesOneNumber(String raw) {
        PhoneResult result = gb.normalize(raw);

        assertThat(result.rejection()).isNull();
        assertThat(result.normalized()).isEqualTo("07911123456");
        assertThat(result.type()).isEqualTo(PhoneType.MOBILE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"07123 456789", "+44 (0)7123 456789", "0044 7123 456789", "447123456789",
            "7123456789", "7123456789.0", "07123-456-789"})
    void theBriefsExampleFormsAlsoAgree(String raw) {
        assertThat(gb.normalize(raw).normalized()).isEqualTo("07123456789");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "7.7009E+09       | is in scientific notation",
            "7,79E+09         | contains ','",
            "0791112345a      | contains letters",
            "CALL ME          | contains letters",
            "07911            | is not a valid GB number: too short",
            "079111234567     | is not a valid GB number: too long",
            "+33 6 12 34 56 78| is a FR number (+33), not a GB one",
            "07700 900123     | is not a valid GB number: not in a range allocated for use",
            "01632 960123     | is not a valid GB number: not in a range allocated for use",
            "---              | has no digits"})
    void invalidValuesAreRefusedWithTheirReasonNeverGuessed(String raw, String reason) {
        PhoneResult result = gb.normalize(raw);

        assertThat(result.normalized()).isNull();
        assertThat(result.isValid()).isFalse();
        assertThat(result.rejection()).startsWith(reason);
    }

    @Test
    void noBreakSpacesSeparateDigitsAndAnInvisibleCharacterIsNamedByItsCode() {
        assertThat(gb.normalize("07911\u00a0123\u202f456").normalized()).isEqualTo("07911123456");

        PhoneResult zeroWidth = gb.normalize("07911\u200b123456");
        assertThat(zeroWidth.isValid()).isFalse();
        assertThat(zeroWidth.rejection()).contains("U+200B");
        assertThat(gb.normalize("07911#123456").rejection()).contains("'#'");
    }

    @Test
    void possibleStrictnessAcceptsANumberOutsideAllocatedRanges() {
        PhoneNormalizer possible = new PhoneNormalizer(new PhonesSpec(null, null, null, null, Strictness.POSSIBLE, null));

        assertThat(possible.normalize("07700 900123").normalized()).isEqualTo("07700900123");
        assertThat(possible.normalize("07911").isValid()).isFalse();
        assertThat(gb.normalize("07700 900123").isValid()).isFalse();
    }

    @Test
    void e164FormatSendsThePlusAndCountryCode() {
        PhoneNormalizer e164 = new PhoneNormalizer(new PhonesSpec(null, PhoneFormat.E164, null, null, null, null));

        assertThat(e164.normalize("07911 123456").normalized()).isEqualTo("+447911123456");
        assertThat(e164.normalize("020 7946 0123").normalized()).isEqualTo("+442079460123");
    }

    @Test
    void premiumRateIsRefusedByDefaultAndAcceptedWhenAllowed() {
        PhoneResult refused = gb.normalize("09061 123456");
        PhoneNormalizer permissive = new PhoneNormalizer(new PhonesSpec(null, null, null, null, null,
                Set.of(PhoneType.PREMIUM_RATE)));

        assertThat(refused.isValid()).isFalse();
        assertThat(refused.rejection()).contains("premium-rate").contains("phones.allowed-types");
        assertThat(permissive.normalize("09061 123456").normalized()).isEqualTo("09061123456");
    }

    @Test
    void aLondonLandlineIsAFixedLine() {
        PhoneResult result = gb.normalize("020 7946 0123");

        assertThat(result.normalized()).isEqualTo("02079460123");
        assertThat(result.type()).isEqualTo(PhoneType.FIXED_LINE);
        assertThat(gb.normalize("2079460123").normalized()).isEqualTo("02079460123");
    }

    @Test
    void e164DigitsAreTheSameForEveryFormOfANumber() {
        assertThat(gb.e164Digits("+44 7911 123456")).isEqualTo(447911123456L);
        assertThat(gb.e164Digits("07911123456")).isEqualTo(447911123456L);
        assertThat(gb.e164Digits("7911123456.0")).isEqualTo(447911123456L);
        assertThat(gb.e164Digits("0044 7911 123456")).isEqualTo(447911123456L);
        assertThat(gb.e164Digits("447911123456")).isEqualTo(447911123456L);
        assertThat(gb.e164Digits("not a number")).isEqualTo(-1);
    }
}
