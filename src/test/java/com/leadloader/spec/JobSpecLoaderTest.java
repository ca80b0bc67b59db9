package com.leadloader.spec;

import com.leadloader.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobSpecLoaderTest {

    @TempDir
    Path dir;

    Path leads;
    Path optouts;

    @BeforeEach
    void dataFiles() throws IOException {
        leads = Files.writeString(dir.resolve("leads.csv"), "first_name,mobile\nAnn,07911 123456\n");
        optouts = Files.writeString(dir.resolve("optouts.csv"), "phone\n07911123456\n");
    }

    private Path spec(String yaml) throws IOException {
        return Files.writeString(dir.resolve("demo.yml"), yaml
                .replace("LEADS", leads.toString())
                .replace("OPTOUTS", optouts.toString()));
    }

    private static final String MINIMAL = """
            source:
              csv:
                path: LEADS
            target:
              table: Willtest
              dataset: 100
            mapping:
              MobilePhone: mobile
            """;

    private List<String> problems(String yaml) throws IOException {
        Path file = spec(yaml);
        try {
            JobSpecLoader.load(file);
        } catch (SpecException ex) {
            assertThat(ex.exitCode()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
            return ex.problems();
        }
        throw new AssertionError("spec was accepted");
    }

    @Test
    void fullSpecBindsEveryKey() throws IOException {
        Path file = spec("""
                name: spring-promo
                source:
                  csv:
                    path: LEADS
                    encoding: windows-1252
                    delimiter: ";"
                    quote: "'"
                    header: false
                target:
                  table: Willtest
                  dataset: 100
                  expect-state: live
                  go-live: true
                mapping:
                  FirstName: first_name
                  LastName:
                    column: last_name
                    transform: [trim, collapse-spaces, upper]
                    default: Unknown
                  Address1:
                    concat: [house, street]
                    separator: ", "
                  Title: {constant: Mr}
                  MobilePhone: mobile
                phones:
                  region: gb
                  format: e164
                  columns: [mobile, home]
                  route-by-type: true
                  strictness: possible
                  allowed-types: [mobile, fixed-line]
                dedupe:
                  key: [phone, "column:account_id"]
                  scope: dataset
                  within-days: 30
                suppression:
                  files:
                    - path: OPTOUTS
                      screened-on: 2025-01-31
                  max-age-days: 28
                  on-stale: warn
                validation:
                  over-long: truncate
                  required: [FirstName]
                  max-bad-percent: 12.5
                load:
                  chunk-size: 250
                  in-flight: 8
                  requests-per-second: 5
                  max-attempts: 3
                  marker-field: URN
                """);

        JobSpec spec = JobSpecLoader.load(file);

        assertThat(spec.name()).isEqualTo("spring-promo");
        assertThat(spec.source().kind()).isEqualTo(SourceSpec.Kind.CSV);
        assertThat(spec.source().csv()).isEqualTo(new CsvSource(leads.toString(), "windows-1252", ';', '\'', false));
        assertThat(spec.target()).isEqualTo(new TargetSpec("Willtest", "100", TargetSpec.ExpectedState.LIVE, true, false));
        assertThat(spec.mapping()).containsOnlyKeys("FirstName", "LastName", "Address1", "Title", "MobilePhone");
        assertThat(spec.mapping().keySet()).containsExactly("FirstName", "LastName", "Address1", "Title", "MobilePhone");
        assertThat(spec.mapping().get("FirstName")).isEqualTo(FieldMapping.ofColumn("first_name"));
        assertThat(spec.mapping().get("LastName")).isEqualTo(new FieldMapping("last_name", null, null, null,
                List.of(FieldMapping.Transform.TRIM, FieldMapping.Transform.COLLAPSE_SPACES, FieldMapping.Transform.UPPER),
                "Unknown"));
        assertThat(spec.mapping().get("Address1").concat()).containsExactly("house", "street");
        assertThat(spec.mapping().get("Address1").separator()).isEqualTo(", ");
        assertThat(spec.mapping().get("Title").constant()).isEqualTo("Mr");
        assertThat(spec.phones()).isEqualTo(new PhonesSpec("gb", PhonesSpec.PhoneFormat.E164, List.of("mobile", "home"),
                true, PhonesSpec.Strictness.POSSIBLE,
                java.util.Set.of(PhonesSpec.PhoneType.MOBILE, PhonesSpec.PhoneType.FIXED_LINE)));
        assertThat(spec.dedupe()).isEqualTo(new DedupeSpec(List.of("phone", "column:account_id"), DedupeSpec.Scope.DATASET, 30));
        assertThat(spec.suppression().files()).containsExactly(new SuppressionFile(optouts.toString(), LocalDate.of(2025, 1, 31)));
        assertThat(spec.suppression().onStale()).isEqualTo(SuppressionSpec.StalePolicy.WARN);
        assertThat(spec.validation()).isEqualTo(new ValidationSpec(ValidationSpec.OverLong.TRUNCATE, List.of("FirstName"), 12.5));
        assertThat(spec.load()).isEqualTo(new LoadSpec(250, 8, 5.0, 3, "URN", 1));
    }

    @Test
    void minimalSpecGetsDefaultsAndTheFilesBaseNameAsName() throws IOException {
        JobSpec spec = JobSpecLoader.load(spec(MINIMAL));

        assertThat(spec.name()).isEqualTo("demo");
        assertThat(spec.target().expectState()).isEqualTo(TargetSpec.ExpectedState.ANY);
        assertThat(spec.load()).isEqualTo(LoadSpec.defaults());
        assertThat(spec.phones()).isEqualTo(PhonesSpec.defaults());
        assertThat(spec.dedupe().scope()).isEqualTo(DedupeSpec.Scope.TABLE);
    }

    @Test
    void placeholdersAreFilledFromParams() throws IOException {
        Path file = spec(MINIMAL.replace("dataset: 100", "dataset: ${dataset}"));

        JobSpec spec = JobSpecLoader.load(file, Map.of("dataset", "4321"));

        assertThat(spec.target().dataset()).isEqualTo("4321");
    }

    @Test
    void aPathWithAMissingParamIsReportedOnceForTheParamNotAlsoAsAMissingFile() throws IOException {
        assertThat(problems(MINIMAL.replaceFirst("path: .*", "path: \"\\${file}\""))).singleElement().asString()
                .endsWith("source.csv.path: no value for the parameter '${file}' (pass --param file=VALUE)");
    }

    @Test
    void aParamWithoutANameAndASpecThatIsNotAFileAreRefused() throws IOException {
        Path file = spec(MINIMAL);
        assertThatThrownBy(() -> JobSpecLoader.load(file, Map.of("", "x"))).isInstanceOf(SpecException.class)
                .hasMessage("--param '=x': a parameter needs a name (--param NAME=VALUE)");
        assertThatThrownBy(() -> JobSpecLoader.load(Path.of("/dev/null"))).isInstanceOf(SpecException.class)
                .hasMessage("/dev/null: is not a regular file (a device or a pipe): give a .yml job spec");
    }

    @Test
    void placeholderWithoutParamIsNamed() throws IOException {
        assertThat(problems(MINIMAL.replace("dataset: 100", "dataset: ${dataset}")))
                .contains(dir.resolve("demo.yml") + ": target.dataset: no value for the parameter '${dataset}' (pass --param dataset=VALUE)");
    }

    @Test
    void unknownKeySuggestsTheNearestKnownOne() throws IOException {
        String file = dir.resolve("demo.yml").toString();
        assertThat(problems(MINIMAL + "sourse:\n  csv:\n    path: x\nload:\n  chunk-sise: 10\n"))
                .contains(file + ": sourse: unknown key (did you mean 'source'?)",
                        file + ": load.chunk-sise: unknown key (did you mean 'chunk-size'?)");
    }

    @Test
    void misspeltMappingKeyIsUnknown() throws IOException {
        assertThat(problems(MINIMAL + "  Title:\n    constnt: Mr\n"))
                .anyMatch(p -> p.endsWith(": mapping.Title.constnt: unknown key (did you mean 'constant'?)"));
    }

    @Test
    void badEnumListsTheAllowedValues() throws IOException {
        assertThat(problems(MINIMAL.replace("dataset: 100", "dataset: 100\n  expect-state: LIV")))
                .containsExactly(dir.resolve("demo.yml") + ": target.expect-state: 'LIV' is not one of LIVE, HOLD, ANY");
    }

    @Test
    void badNumberIsNamed() throws IOException {
        assertThat(problems(MINIMAL + "load:\n  chunk-size: lots\n"))
                .containsExactly(dir.resolve("demo.yml") + ": load.chunk-size: 'lots' is not a whole number");
    }

    @Test
    void numbersOutOfRangeAreRefused() throws IOException {
        assertThat(problems(MINIMAL + "load:\n  chunk-size: 5000\n  in-flight: 0\n"))
                .containsExactly(dir.resolve("demo.yml") + ": load.chunk-size: '5000' must be between 1 and 1000",
                        dir.resolve("demo.yml") + ": load.in-flight: '0' must be between 1 and 64");
    }

    @Test
    void missingRequiredKeysAreAllReportedTogether() throws IOException {
        assertThat(problems("name: x\n"))
                .containsExactly(
                        dir.resolve("demo.yml") + ": source: required: give one of csv, excel or jdbc",
                        dir.resolve("demo.yml") + ": target: required: table and dataset",
                        dir.resolve("demo.yml") + ": mapping: required: at least one ContactNow field, e.g. MobilePhone: mobile");
    }

    @Test
    void datasetMustBeDigitsOrNew() throws IOException {
        assertThat(problems(MINIMAL.replace("dataset: 100", "dataset: latest")))
                .containsExactly(dir.resolve("demo.yml") + ": target.dataset: 'latest' is not a dataset id (digits) or new");
        assertThat(JobSpecLoader.load(spec(MINIMAL.replace("dataset: 100", "dataset: new"))).target().newDataset()).isTrue();
    }

    @Test
    void twoSourcesAreRefused() throws IOException {
        assertThat(problems(MINIMAL.replace("source:\n", """
                source:
                  jdbc:
                    url: jdbc:postgresql://127.0.0.1:5432/test
                    query: select * from leads
                    sort-key: id
                """)))
                .containsExactly(dir.resolve("demo.yml") + ": source: has csv and jdbc; give exactly one of csv, excel or jdbc");
    }

    @Test
    void missingSourceFileIsNamed() throws IOException {
        assertThat(problems(MINIMAL.replace("path: LEADS", "path: nowhere/leads.csv")))
                .singleElement().asString()
                .startsWith(dir.resolve("demo.yml") + ": source.csv.path: file 'nowhere/leads.csv' not found (relative to ");
    }

    @Test
    void aDirectoryWhereAFileBelongsIsCalledADirectory() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("incoming"));
        assertThat(problems(MINIMAL.replace("path: LEADS", "path: " + folder)))
                .containsExactly(dir.resolve("demo.yml") + ": source.csv.path: '" + folder
                        + "' is a directory, not a file: give a glob such as " + folder + "/*.csv");
        assertThatThrownBy(() -> JobSpecLoader.load(folder))
                .isInstanceOf(SpecException.class)
                .hasMessage(folder + ": is a directory, not a job spec: give one .yml file in it");
    }

    @Test
    void aSpecThatCannotBeReadSaysSoRatherThanThatItIsNotYaml() throws IOException {
        Path spec = Files.writeString(dir.resolve("locked.yml"), "name: locked\n");
        Files.setPosixFilePermissions(spec, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(spec), "root reads any file");

        assertThatThrownBy(() -> JobSpecLoader.load(spec))
                .isInstanceOf(SpecException.class)
                .hasMessage(spec + ": cannot be read (permission denied): let the user running leadloader read it");
    }

    @Test
    void globMatchingNothingIsNamed() throws IOException {
        assertThat(problems(MINIMAL.replace("path: LEADS", "path: " + dir + "/incoming-*.csv")))
                .containsExactly(dir.resolve("demo.yml") + ": source.csv.path: no file matches '" + dir + "/incoming-*.csv'");
    }

    @Test
    void missingSpecFileIsNamed() {
        Path missing = dir.resolve("jobs/nope.yml");
        assertThatThrownBy(() -> JobSpecLoader.load(missing))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith(missing + ": no such file");
    }

    @Test
    void invalidYamlIsReported() throws IOException {
        assertThat(problems("source: [unclosed\n")).singleElement().asString()
                .startsWith(dir.resolve("demo.yml") + ": not valid YAML: ");
    }

    @Test
    void twoMappingKeysForOneFieldAreRefusedNamingBoth() throws IOException {
        String file = dir.resolve("demo.yml").toString();

        assertThat(problems(MINIMAL + "  mobilephone: address1\n  First-Name: first_name\n"
                + "  first_name:\n    column: mobile\n  \"[Last.Name]\": last\n  \"[last.name]\": last\n"))
                .containsExactly(
                        file + ": mapping: 'MobilePhone' and 'mobilephone' name the same field (mapping keys are matched"
                                + " ignoring case, '-' and '_'), so one would silently replace the other; keep one of them",
                        file + ": mapping: 'First-Name' and 'first_name' name the same field (mapping keys are matched"
                                + " ignoring case, '-' and '_'), so one would silently replace the other; keep one of them",
                        file + ": mapping: 'Last.Name' and 'last.name' name the same field (mapping keys are matched"
                                + " ignoring case, '-' and '_'), so one would silently replace the other; keep one of them");
    }

    @Test
    void mappingTheMarkerFieldIsRefused() throws IOException {
        String file = dir.resolve("demo.yml").toString();

        assertThat(problems(MINIMAL + "  vendor_urn: crm_id\n")).containsExactly(file + ": mapping.vendor_urn:"
                + " VENDOR_URN carries each lead's load marker (load.marker-field); map this column to another field,"
                + " or set load.marker-field to a field you do not map");
        assertThat(problems(MINIMAL + "  URN: crm_id\nload:\n  marker-field: URN\n")).containsExactly(file
                + ": mapping.URN: URN carries each lead's load marker (load.marker-field); map this column to another"
                + " field, or set load.marker-field to a field you do not map");
    }

    @Test
    void mappingNeedsExactlyOneOfColumnConstantConcat() throws IOException {
        assertThat(problems(MINIMAL + "  Title: {constant: Mr, column: title}\n  Notes: {separator: ' '}\n"))
                .containsExactly(dir.resolve("demo.yml") + ": mapping.Title: give only one of column, constant or concat",
                        dir.resolve("demo.yml") + ": mapping.Notes: give one of column, constant or concat");
    }

    @Test
    void jdbcNeedsUrlQueryAndSortKeyAndAVariableNameForThePassword() throws IOException {
        List<String> problems = problems(MINIMAL.replace("  csv:\n    path: LEADS\n", """
                  jdbc:
                    user: postgres
                    password-env: "s3cr3t!pass"
                """));
        String file = dir.resolve("demo.yml").toString();
        assertThat(problems).containsExactly(
                file + ": source.jdbc.url: required, e.g. jdbc:postgresql://host:5432/db",
                file + ": source.jdbc.query: required: a SELECT with :named parameters",
                file + ": source.jdbc.sort-key: required: a unique column the rows are paged by (e.g. id)",
                file + ": source.jdbc.password-env: must be the name of an environment variable (letters, digits and _), not the password itself");
        assertThat(String.join("\n", problems)).doesNotContain("s3cr3t");
    }

    @Test
    void suppressionFileNeedsItsScreeningDateWhenAgeIsLimited() throws IOException {
        assertThat(problems(MINIMAL + "suppression:\n  files:\n    - path: OPTOUTS\n  max-age-days: 28\n"))
                .containsExactly(dir.resolve("demo.yml")
                        + ": suppression.files[0].screened-on: required with max-age-days: the date the list was screened (yyyy-MM-dd)");
    }

    @Test
    void badDateIsNamed() throws IOException {
        assertThat(problems(MINIMAL + "suppression:\n  files:\n    - path: OPTOUTS\n      screened-on: 31/01/2025\n"))
                .contains(dir.resolve("demo.yml") + ": suppression.files[0].screened-on: '31/01/2025' is not a date; write it as yyyy-MM-dd");
    }
}
