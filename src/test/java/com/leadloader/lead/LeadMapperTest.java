package com.leadloader.lead;

import static com.leadloader.lead.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadloader.source.SourceRow;
import com.leadloader.spec.FieldMapping;
import com.leadloader.spec.FieldMapping.Transform;
import com.leadloader.spec.PhonesSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadMapperTest {

    private static LeadMapper mapper(Map<String, FieldMapping> mapping) {
        return new LeadMapper(Fixtures.spec(mapping, null, null, null));
    }

    @Test
    void columnConstantAndConcatFillTheirFields() {
        Map<String, FieldMapping> mapping = new LinkedHashMap<>();
        mapping.put("FirstName", FieldMapping.ofColumn("first"));
        mapping.put("Title", new FieldMapping(null, "Mx", null, null, null, null));
        mapping.put("Address1", new FieldMapping(null, null, List.of("house", "street", "town"), ", ", null, null));

        Lead lead = mapper(mapping).map(row(2, "first", " Jon ", "house", "12", "street", "", "town", "Leeds"));

        assertThat(lead.fields()).containsExactly(Map.entry("FirstName", " Jon "), Map.entry("Title", "Mx"),
                Map.entry("Address1", "12, Leeds"));
        assertThat(lead.isValid()).isTrue();
    }

    @Test
    void transformsApplyInOrderThenTheDefaultFillsAnEmptyValue() {
        Map<String, FieldMapping> mapping = new LinkedHashMap<>();
        mapping.put("LastName", new FieldMapping("last", null, null, null,
                List.of(Transform.COLLAPSE_SPACES, Transform.TRIM, Transform.UPPER), null));
        mapping.put("Postcode", new FieldMapping("pc", null, null, null, List.of(Transform.TRIM), "UNKNOWN"));
        mapping.put("Notes", new FieldMapping("notes", null, null, null, List.of(Transform.LOWER), null));

        Lead lead = mapper(mapping).map(row(3, "last", "  van   der\tBerg ", "pc", "   ", "notes", "CALL Later"));

        assertThat(lead.fields()).containsEntry("LastName", "VAN DER BERG").containsEntry("Postcode", "UNKNOWN")
                .containsEntry("Notes", "call later");
    }

    @Test
    void collapseSpacesLeavesLoneSpacesAndCollapsesEveryOtherWhitespace() {
        Map<String, FieldMapping> mapping = new LinkedHashMap<>();
        mapping.put("LastName", new FieldMapping("last", null, null, null, List.of(Transform.COLLAPSE_SPACES), null));
        LeadMapper mapper = mapper(mapping);

        assertThat(mapper.map(row(2, "last", " van der Berg ")).fields()).containsEntry("LastName", " van der Berg ");
        assertThat(mapper.map(row(3, "last", "van  der")).fields()).containsEntry("LastName", "van der");
        assertThat(mapper.map(row(4, "last", "van\tder")).fields()).containsEntry("LastName", "van der");
        assertThat(mapper.map(row(5, "last", "van\u00A0der")).fields()).containsEntry("LastName", "van der");
        assertThat(mapper.map(row(6, "last", "van \nder")).fields()).containsEntry("LastName", "van der");
        assertThat(mapper.map(row(7, "last", "O'Brien-Smith")).fields()).containsEntry("LastName", "O'Brien-Smith");
    }

    @Test
    void rowsWithTheirColumnsInAnotherOrderMapByName() {
        Map<String, FieldMapping> mapping = new LinkedHashMap<>();
        mapping.put("FirstName", FieldMapping.ofColumn("first"));
        mapping.put("LastName", FieldMapping.ofColumn("last"));
        LeadMapper mapper = mapper(mapping);

        Lead one = mapper.map(row(2, "first", "Jon", "last", "Smith"));
        Lead other = mapper.map(row(2, "last", "Jones", "first", "Ann", "extra", "x"));

        assertThat(one.fields()).containsExactly(Map.entry("FirstName", "Jon"), Map.entry("LastName", "Smith"));
        assertThat(other.fields()).containsExactly(Map.entry("FirstName", "Ann"), Map.entry("LastName", "Jones"));
    }

    @Test
    void anUnreadableRowBecomesABadLeadNamingTheRowAndTheProblem() {
        SourceRow broken = new SourceRow("leads.csv", 40, Map.of("first", "Jon"), "row has 3 columns, header has 5");

        Lead lead = mapper(Fixtures.usualMapping()).map(broken);

        assertThat(lead.status()).isEqualTo(LeadStatus.BAD);
        assertThat(lead.reasonCode()).isEqualTo(LeadMapper.UNREADABLE_ROW);
        assertThat(lead.message()).isEqualTo("leads.csv row 40: could not be read: row has 3 columns, header has 5");
    }

    @Test
    void aMappingToAColumnTheSourceLacksIsASpecErrorFoundUpFront() {
        Map<String, FieldMapping> mapping = new LinkedHashMap<>();
        mapping.put("FirstName", FieldMapping.ofColumn("frist_name"));
        mapping.put("LastName", FieldMapping.ofColumn("last_name"));
        mapping.put("Address1", new FieldMapping(null, null, List.of("street", "twon"), null, null, null));

        List<String> errors = mapper(mapping).checkColumns(List.of("first_name", "last_name", "street", "town"));

        assertThat(errors).containsExactly(
                "mapping.FirstName: source has no column 'frist_name' (did you mean 'first_name'?)"
                        + " (columns: first_name, last_name, street, town)",
                "mapping.Address1.concat: source has no column 'twon' (did you mean 'town'?)"
                        + " (columns: first_name, last_name, street, town)");
    }

    @Test
    void routedPhoneColumnsAreCheckedToo() {
        LeadMapper mapper = new LeadMapper(Fixtures.spec(Map.of(),
                new PhonesSpec(null, null, List.of("tel1", "tel9"), true, null, null), null, null));

        assertThat(mapper.checkColumns(List.of("tel1", "tel2"))).singleElement().asString()
                .startsWith("phones.columns: source has no column 'tel9'");
    }

    @Test
    void aMappingWithNoSourceIsASpecError() {
        Map<String, FieldMapping> mapping = Map.of("Title", new FieldMapping(null, null, null, null, null, "Mx"));

        assertThat(mapper(mapping).checkColumns(List.of("a"))).containsExactly(
                "mapping.Title: give exactly one of column, constant or concat");
    }
}
