package com.leadloader.spec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The specs shipped in jobs/ load as they are (tests run from the project root, like the README's commands). */
class ShippedJobSpecsTest {

    @ParameterizedTest
    @ValueSource(strings = {"jobs/demo.yml", "jobs/excel-campaign-import.yml", "jobs/nightly-crm-jdbc.yml",
            "jobs/generated-leads.yml"})
    void shippedSpecLoads(String file) {
        JobSpec spec = JobSpecLoader.load(Path.of(file));

        assertThat(spec.name()).isNotBlank();
        assertThat(spec.target().table()).isEqualTo("Willtest");
        assertThat(spec.mapping()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobs/demo.yml"})
    void demoTargetsLiveDatasetHundred(String file) {
        JobSpec spec = JobSpecLoader.load(Path.of(file));

        assertThat(spec.target().dataset()).isEqualTo("100");
        assertThat(spec.target().expectState()).isEqualTo(TargetSpec.ExpectedState.LIVE);
        assertThat(spec.mapping()).containsKeys("FirstName", "MobilePhone", "HomePhone", "Customer_Email", "company_name");
        assertThat(spec.suppression().onStale()).isEqualTo(SuppressionSpec.StalePolicy.WARN);
    }
}
