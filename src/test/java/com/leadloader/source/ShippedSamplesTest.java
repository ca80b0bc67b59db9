package com.leadloader.source;

import com.leadloader.spec.CsvSource;
import com.leadloader.spec.ExcelSource;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.JobSpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's sample files read as the demo and the README describe them. */
class ShippedSamplesTest {

    private static List<SourceRow> readAll(ItemStreamReader<SourceRow> reader) throws Exception {
        reader.open(new ExecutionContext());
        try {
            List<SourceRow> rows = new ArrayList<>();
            for (SourceRow row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
            return rows;
        } finally {
            reader.close();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "leadloader.regenerate", matches = "true")
    void regenerateSampleWorkbook() throws Exception {
        SampleWorkbookGenerator.write(Path.of("sample-data/leads.xlsx"));
    }

    @Test
    void sampleCsvHasSixtyOneLeadsOneRaggedAndAnAddressOverTwoLines() throws Exception {
        List<SourceRow> rows = readAll(new CsvLeadReader("source", new CsvSource("sample-data/leads.csv", null, null, null, null)));

        assertThat(rows).hasSize(61);
        assertThat(rows).filteredOn(r -> r.problem() != null).singleElement()
                .satisfies(r -> assertThat(r.problem()).isEqualTo("line 52 has 9 fields, the header has 11"));
        assertThat(rows.get(3).value("address1")).isEqualTo("Flat 2\nRiverside Court");
        assertThat(rows.get(4).position()).isEqualTo(7L); // after the two-line record on lines 5-6
    }

    @Test
    void sampleWorkbookKeepsPhoneDigitsDatesAndFormulaValues() throws Exception {
        List<SourceRow> rows = readAll(new ExcelLeadReader("source", new ExcelSource("sample-data/leads.xlsx", "Leads", 1)));

        assertThat(rows).hasSize(12);
        assertThat(rows.get(0).values()).containsAllEntriesOf(Map.of(
                "First Name", "Olivia", "Mobile", "7911123456", "Landline", "01132345678",
                "Enquiry Date", "2025-02-03", "Full Name", "Olivia Bennett"));
        assertThat(rows.get(1).value("Mobile")).isEqualTo("447712345678");
        assertThat(rows.get(5).value("Mobile")).isEqualTo("7.7009E+09");
    }

    @Test
    void factoryPicksTheReaderTheSpecNames() {
        assertThat(SourceReaders.create(JobSpecLoader.load(Path.of("jobs/demo.yml")), Map.of()))
                .isInstanceOf(CsvLeadReader.class);
        assertThat(SourceReaders.create(JobSpecLoader.load(Path.of("jobs/excel-campaign-import.yml")), Map.of()))
                .isInstanceOf(ExcelLeadReader.class);
        JobSpec nightly = JobSpecLoader.load(Path.of("jobs/nightly-crm-jdbc.yml"));
        assertThat(SourceReaders.create(nightly, Map.of("area", "LS%"))).isInstanceOf(JdbcLeadReader.class);
    }
}
