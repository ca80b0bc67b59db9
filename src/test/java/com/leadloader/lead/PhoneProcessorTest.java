package com.leadloader.lead;

import static com.leadloader.lead.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.spec.PhonesSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhoneProcessorTest {

    private static Lead mapped(Map<String, String> fields) {
        return Lead.mapped(row(12, "x", "y"), fields);
    }

    private static PhoneProcessor processor(PhonesSpec spec) {
        return new PhoneProcessor(spec, new PhoneNormalizer(spec));
    }

    @Test
    void mappedPhonesAreNormalisedInPlaceAndAnInvalidOneIsEmptiedWithAWarning() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("FirstName", "Jon");
        fields.put("MobilePhone", "07911");
        fields.put("HomePhone", "+44 (0)20 7946 0123");

        Lead lead = processor(PhonesSpec.defaults()).process(mapped(fields));

        assertThat(lead.status()).isEqualTo(LeadStatus.VALID);
        assertThat(lead.fields()).containsEntry("MobilePhone", "").containsEntry("HomePhone", "02079460123")
                .containsEntry("FirstName", "Jon");
        assertThat(lead.warnings()).containsExactly(
                "MobilePhone '07911' (leads.csv row 12) is not a valid GB number: too short, dropped");
    }

    @Test
    void aLeadWithNoValidPhoneLeftIsBadAndSaysWhichWereRejected() {
        Lead lead = processor(PhonesSpec.defaults()).process(mapped(Map.of("MobilePhone", "7.7009E+09", "HomePhone", "")));

        assertThat(lead.status()).isEqualTo(LeadStatus.BAD);
        assertThat(lead.reasonCode()).isEqualTo(PhoneProcessor.NO_VALID_PHONE);
        assertThat(lead.message()).startsWith("leads.csv row 12: at least one phone is required")
                .contains("MobilePhone '7.7009E+09'").contains("scientific notation");
    }

    @Test
    void aLeadWithoutAnyPhoneIsBad() {
        Lead lead = processor(PhonesSpec.defaults()).process(mapped(Map.of("FirstName", "Jon")));

        assertThat(lead.reasonCode()).isEqualTo(PhoneProcessor.NO_VALID_PHONE);
        assertThat(lead.message()).contains("leads.csv row 12").contains("HomePhone, WorkPhone or MobilePhone");
    }

    @Test
    void routingPutsMobilesInMobilePhoneAndLandlinesInHomeThenWorkPhone() {
        PhonesSpec routed = new PhonesSpec(null, null, List.of("tel1", "tel2", "tel3"), true, null, null);
        Lead lead = Lead.mapped(row(5, "tel1", "020 7946 0123", "tel2", "+44 7911 123456", "tel3", "0161 496 0000"),
                Map.of("FirstName", "Ann"));

        Lead result = processor(routed).process(lead);

        assertThat(result.isValid()).isTrue();
        assertThat(result.fields()).containsEntry("MobilePhone", "07911123456")
                .containsEntry("HomePhone", "02079460123").containsEntry("WorkPhone", "01614960000");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void routingDropsExtraNumbersAndDisallowedTypesWithWarnings() {
        PhonesSpec routed = new PhonesSpec(null, null, List.of("a", "b", "c", "d", "e"), true, null, null);
        Lead lead = Lead.mapped(row(9, "a", "020 7946 0123", "b", "0161 496 0000", "c", "0113 496 0000",
                "d", "09061 123456", "e", "07911 123456"), Map.of());

        Lead result = processor(routed).process(lead);

        assertThat(result.fields()).containsEntry("HomePhone", "02079460123")
                .containsEntry("WorkPhone", "01614960000").containsEntry("MobilePhone", "07911123456");
        assertThat(result.warnings()).containsExactlyInAnyOrder(
                "d '09061 123456' (leads.csv row 9) is a premium-rate number (PREMIUM_RATE),"
                        + " a type phones.allowed-types does not allow, dropped",
                "c '0113 496 0000' (leads.csv row 9) dropped: MobilePhone, HomePhone and WorkPhone are already filled");
    }

    @Test
    void routingTheSameNumberTwiceKeepsItOnce() {
        PhonesSpec routed = new PhonesSpec(null, null, List.of("a", "b"), true, null, null);
        Lead lead = Lead.mapped(row(3, "a", "07911 123456", "b", "+447911123456"), Map.of());

        Lead result = processor(routed).process(lead);

        assertThat(result.fields()).containsEntry("MobilePhone", "07911123456").containsEntry("HomePhone", "");
    }
}
