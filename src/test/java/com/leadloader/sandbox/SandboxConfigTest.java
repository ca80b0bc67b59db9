package com.leadloader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled default mirrors the seeds; user files lay over it and bad ones name file and key. */
class SandboxConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsMirrorTheSeeds() {
        SandboxConfig config = SandboxConfig.defaults();
        assertThat(config.accountId()).isEqualTo("10278");
        assertThat(config.users()).extracting(ApiUser::username).containsExactly("sandbox");
        assertThat(config.tokenTtlSeconds()).isEqualTo(43199);
        assertThat(config.firstRecordId()).isEqualTo(550447);
        assertThat(config.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Willtest");
            assertThat(t.fields()).extracting(CampaignFieldConfig::name)
                    .contains("Address1", "Address6", "VENDOR_URN", "company_name", "test_field", "Customer_Email");
        });
        assertThat(config.datasets()).extracting(DatasetConfig::id, DatasetConfig::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(100, "LIVE"),
                        org.assertj.core.groups.Tuple.tuple(3, "HOLD"),
                        org.assertj.core.groups.Tuple.tuple(351, "EXPIRED"));
        assertThat(config.outcomeCodes()).extracting(OutcomeCodeConfig::code).containsExactly(100, 109, 510456);
        assertThat(config.faults()).isEqualTo(new Faults(0, 0, 0, LostResponseMode.DROP_CONNECTION, 0, 0, 1, 42));
    }

    @Test
    void aUserFileHoldsOnlyWhatItChanges() throws Exception {
        Path file = dir.resolve("faulty.yml");
        Files.writeString(file, """
                port: 9099
                faults:
                  fail-before-rate: 0.05
                  lost-response-mode: 502
                """);
        SandboxConfig config = SandboxConfig.load(file);
        assertThat(config.port()).isEqualTo(9099);
        assertThat(config.faults().failBeforeRate()).isEqualTo(0.05);
        assertThat(config.faults().lostResponseMode()).isEqualTo(LostResponseMode.BAD_GATEWAY);
        assertThat(config.faults().seed()).isEqualTo(42);
        assertThat(config.datasets()).hasSize(3);
    }

    @Test
    void badFilesNameTheFileAndTheKey() throws Exception {
        Path typo = dir.resolve("typo.yml");
        Files.writeString(typo, "faults:\n  fail-rate: 0.1\n");
        assertThatThrownBy(() -> SandboxConfig.load(typo)).isInstanceOf(SandboxConfigException.class)
                .hasMessageContaining("typo.yml").hasMessageContaining("faults.fail-rate").hasMessageContaining("unknown key");

        Path rate = dir.resolve("rate.yml");
        Files.writeString(rate, "faults:\n  reset-rate: 1.5\n");
        assertThatThrownBy(() -> SandboxConfig.load(rate)).hasMessageContaining("rate.yml")
                .hasMessageContaining("faults").hasMessageContaining("reset-rate must be between 0 and 1");

        Path size = dir.resolve("size.yml");
        Files.writeString(size, "tables:\n  - name: T\n    fields:\n      - {name: id, size: big}\n");
        assertThatThrownBy(() -> SandboxConfig.load(size)).hasMessageContaining("tables[0].fields[0].size");

        assertThatThrownBy(() -> SandboxConfig.load(dir.resolve("missing.yml")))
                .hasMessageContaining("missing.yml: no such file");
    }
}
