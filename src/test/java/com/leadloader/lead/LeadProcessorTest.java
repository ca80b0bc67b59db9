package com.leadloader.lead;

import static com.leadloader.lead.Fixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.leadloader.source.SourceRow;
import com.leadloader.spec.FieldMapping;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.PhonesSpec;
import com.leadloader.spec.SuppressionFile;
import com.leadloader.spec.SuppressionSpec;
import com.leadloader.spec.ValidationSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ItemProcessor;

class LeadProcessorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-30T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private LeadProcessor processor(JobSpec spec) throws IOException {
        Path optOuts = Files.writeString(dir.resolve("optouts.txt"), "+44 7400 123456\nno.calls@example.com\n");
        PhoneNormalizer normalizer = new PhoneNormalizer(spec.phones());
        SuppressionList list = SuppressionList.load(new SuppressionSpec(
                List.of(new SuppressionFile(optOuts.toString(), LocalDate.of(2025, 6, 29))), null, null), normalizer, CLOCK);
        return LeadProcessor.create(spec, Fixtures.campaignFields(), list, CLOCK);
    }

    @Test
    void aGoodRowBecomesAValidLeadReadyToSend() throws Exception {
        ItemProcessor<SourceRow, Lead> processor = processor(Fixtures.usualSpec());

        Lead lead = processor.process(person(2, "Jon", "Smith", "07911 123456", "020 7946 0123", "jon@example.com"));

        assertThat(lead.status()).isEqualTo(LeadStatus.VALID);
        assertThat(lead.reasonCode()).isNull();
        assertThat(lead.fields()).containsEntry("MobilePhone", "07911123456").containsEntry("HomePhone", "02079460123")
                .containsEntry("FirstName", "Jon");
        assertThat(lead.dedupeKey()).isNotNull();
    }

    @Test
    void everyRejectedLeadHasACodeAndAMessageNamingItsRowAndField() throws Exception {
        JobSpec spec = Fixtures.spec(Fixtures.usualMapping(), null, null,
                new ValidationSpec(null, List.of("LastName"), null));
        LeadProcessor processor = processor(spec);
        List<SourceRow> rows = List.of(
                new SourceRow("leads.csv", 2, Map.of("first", "Jon"), "row has 1 column, header has 5"),
                person(3, "Ann", "Lee", "07911", "", ""),
                person(4, "Bartholomew-Maximilian", "Lee", "07911 123456", "", ""),
                person(5, "Bob", "", "07911 123457", "", ""),
                person(6, "Cat", "Cole", "07400 123456", "", ""),
                person(7, "Dan", "Dee", "07911 123458", "", "No.Calls@example.com"),
                person(8, "Eve", "Ell", "07911 123459", "", ""),
                person(9, "Eve", "Ell", "+447911123459", "", ""));

        List<Lead> leads = new ArrayList<>();
        for (SourceRow row : rows) {
            leads.add(processor.process(row));
        }

        assertThat(leads).extracting(Lead::status, Lead::reasonCode).containsExactly(
                tuple(LeadStatus.BAD, LeadMapper.UNREADABLE_ROW),
                tuple(LeadStatus.BAD, PhoneProcessor.NO_VALID_PHONE),
                tuple(LeadStatus.BAD, FieldValidator.TOO_LONG),
                tuple(LeadStatus.BAD, FieldValidator.MISSING_REQUIRED),
                tuple(LeadStatus.SUPPRESSED, SuppressionProcessor.SUPPRESSED_PHONE),
                tuple(LeadStatus.SUPPRESSED, SuppressionProcessor.SUPPRESSED_EMAIL),
                tuple(LeadStatus.VALID, null),
                tuple(LeadStatus.DUPLICATE, "DUPLICATE"));
        List<String> namedFields = List.of("could not be read", "MobilePhone", "FirstName", "LastName", "MobilePhone",
                "Customer_Email", "", "same phone");
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
            if (!lead.isValid()) {
                assertThat(lead.message()).startsWith("leads.csv row " + rows.get(i).position() + ": ")
                        .contains(namedFields.get(i));
            }
        }
    }

    @Test
    void routedPhonesGoThroughTheWholePipeline() throws Exception {
        Map<String, FieldMapping> mapping = Map.of("FirstName", FieldMapping.ofColumn("name"));
        JobSpec spec = Fixtures.spec(mapping, new PhonesSpec(null, null, List.of("tel1", "tel2"), true, null, null),
                null, null);

        Lead lead = processor(spec).process(Fixtures.row(2, "name", "Ann", "tel1", "020 7946 0123", "tel2", "07911123456"));

        assertThat(lead.isValid()).isTrue();
        assertThat(lead.fields()).containsEntry("HomePhone", "02079460123").containsEntry("MobilePhone", "07911123456");
    }

    @Test
    void upFrontChecksReportUnknownColumnsAndFieldsTogether() throws Exception {
        Map<String, FieldMapping> mapping = new java.util.LinkedHashMap<>();
        mapping.put("FirstName", FieldMapping.ofColumn("frist"));
        mapping.put("MobilePhne", FieldMapping.ofColumn("mobile"));

        List<String> errors = processor(Fixtures.spec(mapping, null, null, null))
                .checkUpFront(List.of("first", "mobile"));

        assertThat(errors).containsExactly(
                "mapping.FirstName: source has no column 'frist' (did you mean 'first'?) (columns: first, mobile)",
                "mapping.MobilePhne: campaign table 'Willtest' has no field 'MobilePhne' (did you mean 'MobilePhone'?)");
    }
}
