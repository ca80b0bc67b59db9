package com.leadloader.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.leadloader.contactnow.CampaignField;
import com.leadloader.generate.LeadGenerator.Format;
import com.leadloader.generate.LeadGenerator.Options;
import com.leadloader.generate.LeadGenerator.Summary;
import com.leadloader.lead.Lead;
import com.leadloader.lead.LeadProcessor;
import com.leadloader.lead.LeadStatus;
import com.leadloader.lead.PhoneNormalizer;
import com.leadloader.lead.PhoneResult;
import com.leadloader.lead.SuppressionList;
import com.leadloader.sandbox.SandboxConfig;
import com.leadloader.source.SourceReaders;
import com.leadloader.source.SourceRow;
import com.leadloader.spec.CsvSource;
import com.leadloader.spec.ExcelSource;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.JobSpecLoader;
import com.leadloader.spec.PhonesSpec;
import com.leadloader.spec.SourceSpec;
import com.leadloader.spec.SuppressionFile;
import com.leadloader.spec.SuppressionSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

class LeadGeneratorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Summary generate(String name, Format format, long rows, long seed, double dup, double bad, double supp)
            throws IOException {
        return new LeadGenerator().generate(new Options(rows, format, dir.resolve(name), seed, dup, bad, supp));
    }

    @Test
    void theSameSeedGivesByteIdenticalFilesAndAnotherSeedOthers() throws IOException {
        generate("a.csv", Format.CSV, 3000, 42, 5, 3, 2);
        generate("b.csv", Format.CSV, 3000, 42, 5, 3, 2);
        generate("c.csv", Format.CSV, 3000, 43, 5, 3, 2);
        generate("a.xlsx", Format.XLSX, 500, 42, 5, 3, 2);
        generate("b.xlsx", Format.XLSX, 500, 42, 5, 3, 2);

        assertThat(Files.mismatch(dir.resolve("a.csv"), dir.resolve("b.csv"))).isEqualTo(-1);
        assertThat(Files.mismatch(dir.resolve("a-suppression.csv"), dir.resolve("b-suppression.csv"))).isEqualTo(-1);
        assertThat(Files.mismatch(dir.resolve("a.xlsx"), dir.resolve("b.xlsx"))).isEqualTo(-1);
        assertThat(Files.mismatch(dir.resolve("a.csv"), dir.resolve("c.csv"))).isNotEqualTo(-1);
    }

    @Test
    void theShippedSampleIsWhatTheGeneratorWritesForItsSeed() throws IOException {
        generate("generated-leads.csv", Format.CSV, 1000, 1, 5, 3, 2);

        assertThat(Files.mismatch(dir.resolve("generated-leads.csv"), Path.of("sample-data/generated-leads.csv")))
                .as("sample-data/generated-leads.csv is `leadloader generate --rows 1000 --seed 1`").isEqualTo(-1);
        assertThat(Files.mismatch(dir.resolve("generated-leads-suppression.csv"),
                Path.of("sample-data/generated-leads-suppression.csv"))).isEqualTo(-1);
    }

    @Test
    void sharesOfEachKindOfRowAreWithinTolerance() throws IOException {
        Summary s = generate("shares.csv", Format.CSV, 20_000, 7, 10, 4, 6);

        assertThat(s.rows()).isEqualTo(20_000);
        assertThat(s.good() + s.duplicates() + s.bad() + s.suppressed()).isEqualTo(20_000);
        assertThat(s.duplicates() / 20_000.0).isCloseTo(0.10, within(0.01));
        assertThat(s.bad() / 20_000.0).isCloseTo(0.04, within(0.01));
        assertThat(s.suppressed() / 20_000.0).isCloseTo(0.06, within(0.01));
        assertThat(s.suppressionEntries()).isGreaterThan(s.suppressed());
        assertThat(csvRecords(s.leads())).hasSize(20_001);
    }

    @Test
    void everyPhoneOfAGoodRowIsAValidGbNumberAndMobilesAreDistinct() throws IOException {
        Summary s = generate("phones.csv", Format.CSV, 20_000, 11, 0, 0, 0);
        PhoneNormalizer normalizer = new PhoneNormalizer(PhonesSpec.defaults());
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Set<String> mobiles = new HashSet<>();
        Set<String> writtenForms = new HashSet<>();
        int landlines = 0;

        for (CSVRecord r : csvRecords(s.leads()).subList(1, 20_001)) {
            PhoneResult mobile = normalizer.normalize(r.get(8));
            assertThat(mobile.isValid()).as("row %d mobile '%s'", r.getRecordNumber(), r.get(8)).isTrue();
            assertThat(mobile.type()).isEqualTo(PhonesSpec.PhoneType.MOBILE);
            assertThat(validForGb(util, mobile.normalized())).as(mobile.normalized()).isTrue();
            assertThat(mobiles.add(mobile.normalized())).as("mobile %s repeated", mobile.normalized()).isTrue();
            writtenForms.add(r.get(8).replaceAll("\\d", "9"));
            if (!r.get(9).isEmpty()) {
                PhoneResult home = normalizer.normalize(r.get(9));
                assertThat(home.isValid()).as("row %d landline '%s'", r.getRecordNumber(), r.get(9)).isTrue();
                assertThat(validForGb(util, home.normalized())).as(home.normalized()).isTrue();
                landlines++;
            }
        }
        assertThat(writtenForms).as("the ways mobiles are written").hasSizeGreaterThanOrEqualTo(10);
        assertThat(landlines).isBetween(6_000, 10_000);
    }

    @Test
    void millionsOfDistinctMobilesExistAndEachIsValid() {
        UkNumbers numbers = new UkNumbers(3);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();

        assertThat(numbers.mobileCount()).isGreaterThan(10_000_000);
        Set<Long> seen = new HashSet<>();
        for (long k = 0; k < numbers.mobileCount(); k += numbers.mobileCount() / 50_000) {
            long nsn = numbers.mobile(k);
            assertThat(seen.add(nsn)).isTrue();
            assertThat(util.isValidNumberForRegion(new PhoneNumber().setCountryCode(44).setNationalNumber(nsn), "GB"))
                    .as("07%d", nsn % 1_000_000_000L).isTrue();
        }
    }

    @Test
    void aGeneratedCsvProcessesIntoExactlyTheGeneratedCountsOfEachKind() throws Exception {
        Summary s = generate("leads.csv", Format.CSV, 20_000, 5, 5, 3, 2);

        Map<LeadStatus, Long> counts = process(shippedSpec(new SourceSpec(new CsvSource(s.leads().toString(),
                null, null, null, null), null, null), s.suppressionFile()));

        assertThat(counts).containsEntry(LeadStatus.VALID, s.good()).containsEntry(LeadStatus.DUPLICATE, s.duplicates())
                .containsEntry(LeadStatus.BAD, s.bad()).containsEntry(LeadStatus.SUPPRESSED, s.suppressed());
        assertThat(s.duplicates()).isPositive();
        assertThat(s.bad()).isPositive();
        assertThat(s.suppressed()).isPositive();
    }

    @Test
    void aGeneratedWorkbookProcessesIntoTheSameCounts() throws Exception {
        Summary s = generate("leads.xlsx", Format.XLSX, 3_000, 6, 8, 5, 4);

        Map<LeadStatus, Long> counts = process(shippedSpec(new SourceSpec(null,
                new ExcelSource(s.leads().toString(), "Leads", 1), null), s.suppressionFile()));

        assertThat(counts).containsEntry(LeadStatus.VALID, s.good()).containsEntry(LeadStatus.DUPLICATE, s.duplicates())
                .containsEntry(LeadStatus.BAD, s.bad()).containsEntry(LeadStatus.SUPPRESSED, s.suppressed());
    }

    /** jobs/generated-leads.yml, reading the given source and suppression file. */
    private static JobSpec shippedSpec(SourceSpec source, Path suppression) {
        JobSpec shipped = JobSpecLoader.load(Path.of("jobs/generated-leads.yml"));
        return new JobSpec(shipped.name(), source, shipped.target(), shipped.mapping(), shipped.phones(),
                shipped.dedupe(), new SuppressionSpec(List.of(new SuppressionFile(suppression.toString(),
                LocalDate.of(2025, 2, 20))), shipped.suppression().maxAgeDays(), shipped.suppression().onStale()),
                shipped.validation(), shipped.load());
    }

    private static Map<LeadStatus, Long> process(JobSpec spec) throws Exception {
        SuppressionList suppression = SuppressionList.load(spec.suppression(), new PhoneNormalizer(spec.phones()), CLOCK);
        LeadProcessor processor = LeadProcessor.create(spec, willtestFields(), suppression, CLOCK);
        Map<LeadStatus, Long> counts = new EnumMap<>(LeadStatus.class);
        ItemStreamReader<SourceRow> reader = SourceReaders.create(spec, Map.of());
        reader.open(new ExecutionContext());
        try {
            for (SourceRow row; (row = reader.read()) != null; ) {
                if (counts.isEmpty()) {
                    assertThat(processor.checkUpFront(row.values().keySet())).isEmpty();
                }
                Lead lead = processor.process(row);
                counts.merge(lead.status(), 1L, Long::sum);
            }
        } finally {
            reader.close();
        }
        return counts;
    }

    /** The sandbox's Willtest table, as campaign_fields read describes it. */
    private static List<CampaignField> willtestFields() {
        return SandboxConfig.defaults().tables().get(0).fields().stream()
                .map(f -> new CampaignField(f.name(), f.type(), f.size(), f.standardField(), f.groupName(), f.readonly(),
                        f.hidden(), f.required(), f.picklist(), 0))
                .toList();
    }

    private static boolean validForGb(PhoneNumberUtil util, String national) {
        return util.isValidNumberForRegion(new PhoneNumber().setCountryCode(44)
                .setNationalNumber(Long.parseLong(national.substring(1))), "GB");
    }

    private static List<CSVRecord> csvRecords(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.parse(reader).getRecords();
        }
    }
}
