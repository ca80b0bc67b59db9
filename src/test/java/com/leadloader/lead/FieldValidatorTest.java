package com.leadloader.lead;

import static com.leadloader.lead.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.spec.ValidationSpec;
import com.leadloader.spec.ValidationSpec.OverLong;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldValidatorTest {

    private static FieldValidator validator(ValidationSpec spec) {
        return new FieldValidator("Willtest", Fixtures.campaignFields(), spec, "VENDOR_URN");
    }

    private static Lead lead(String... fieldsAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return Lead.mapped(row(12, "x", "y"), fields);
    }

    @Test
    void aMappedFieldTheCampaignLacksIsRefusedWithASuggestion() {
        List<String> errors = validator(ValidationSpec.defaults())
                .checkMapping(Set.of("MobilePhne", "firstname"), "VENDOR_URN");

        assertThat(errors).containsExactly("mapping.MobilePhne: campaign table 'Willtest' has no field"
                + " 'MobilePhne' (did you mean 'MobilePhone'?)");
    }

    @Test
    void fieldsCreateCannotSetAreRefusedButOutcomeCodeIsNot() {
        FieldValidator validator = new FieldValidator("Willtest",
                List.of(Fixtures.field("id", 200, false), Fixtures.field("datasetid", 20, false),
                        Fixtures.field("ProcessType", 50, false), Fixtures.field("outcomecode", 20, false),
                        Fixtures.field("MobilePhone", 20, false), Fixtures.field("VENDOR_URN", 50, false)),
                ValidationSpec.defaults(), "VENDOR_URN");
        Set<String> mapped = new java.util.LinkedHashSet<>(List.of("MobilePhone", "ID", "datasetid", "processtype",
                "outcomecode"));

        assertThat(validator.checkMapping(mapped, "VENDOR_URN")).containsExactly(
                "mapping.ID: ID is the record's key, which ContactNow assigns when it creates the record; create"
                        + " cannot set it, so map this column to another field or leave it out",
                "mapping.datasetid: datasetid is the record's dataset, which the load sets from target.dataset;"
                        + " create cannot set it, so map this column to another field or leave it out",
                "mapping.processtype: processtype is set by the dialler from the dataset's state and the record's"
                        + " outcome (New Prospect, HOLD: ..., EXPIRED); create cannot set it, so map this column to"
                        + " another field or leave it out");
    }

    @Test
    void anUnknownMarkerFieldAndARequiredFieldNobodyFillsAreRefused() {
        FieldValidator validator = new FieldValidator("Willtest",
                List.of(Fixtures.field("MobilePhone", 20, false), Fixtures.field("Region", 20, true)),
                ValidationSpec.defaults(), "VENDOR_URN");

        assertThat(validator.checkMapping(Set.of("MobilePhone"), "VENDOR_URN")).containsExactly(
                "load.marker-field: campaign table 'Willtest' has no field 'VENDOR_URN'",
                "mapping: campaign table 'Willtest' requires field 'Region', which the mapping does not fill");
    }

    @Test
    void anOverLongValueRejectsTheLeadNamingFieldLengthAndSize() {
        Lead result = validator(ValidationSpec.defaults()).validate(lead("FirstName", "Bartholomew-Maximilian"));

        assertThat(result.status()).isEqualTo(LeadStatus.BAD);
        assertThat(result.reasonCode()).isEqualTo(FieldValidator.TOO_LONG);
        assertThat(result.message()).isEqualTo("leads.csv row 12: FirstName is 22 characters, longer than its"
                + " field in campaign table 'Willtest' (size 20); shorten it at the source or set"
                + " validation.over-long: truncate in the job spec");
    }

    @Test
    void truncateCutsTheValueToTheFieldAndWarns() {
        Lead result = validator(new ValidationSpec(OverLong.TRUNCATE, null, null))
                .validate(lead("FirstName", "Bartholomew-Maximilian"));

        assertThat(result.isValid()).isTrue();
        assertThat(result.fields()).containsEntry("FirstName", "Bartholomew-Maximili");
        assertThat(result.warnings()).containsExactly("FirstName (leads.csv row 12) truncated from 22 to 20 characters");
    }

    @Test
    void requiredFieldsOfTheSpecMustHaveValues() {
        Lead result = validator(new ValidationSpec(null, List.of("lastname", "Postcode"), null))
                .validate(lead("FirstName", "Jon", "LastName", " ", "MobilePhone", "07911123456"));

        assertThat(result.reasonCode()).isEqualTo(FieldValidator.MISSING_REQUIRED);
        assertThat(result.message()).isEqualTo("leads.csv row 12: required fields LastName, Postcode are empty");
    }

    @Test
    void requiredFieldsOfTheCampaignMustHaveValuesButTheMarkerIsTheWritersJob() {
        FieldValidator validator = new FieldValidator("Willtest",
                List.of(Fixtures.field("MobilePhone", 20, false), Fixtures.field("Region", 20, true),
                        Fixtures.field("VENDOR_URN", 50, true)), ValidationSpec.defaults(), "VENDOR_URN");

        Lead result = validator.validate(lead("MobilePhone", "07911123456"));

        assertThat(result.message()).isEqualTo("leads.csv row 12: required field Region is empty");
    }

    @Test
    void fieldNamesTakeTheCampaignsSpelling() {
        Lead result = validator(ValidationSpec.defaults()).validate(lead("mobilephone", "07911123456", "FIRSTNAME", "Jo"));

        assertThat(result.fields()).containsExactly(Map.entry("MobilePhone", "07911123456"), Map.entry("FirstName", "Jo"));
    }
}
