package com.leadloader.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.leadloader.cli.ExitCodes;
import com.leadloader.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input, run through the command line as a user would: each case ends with a
 * clear message naming the file (and line or field) and a documented exit code, or with bad-lead
 * rows in the ledger; never a stack trace, an out-of-memory error or a hang.
 */
@Timeout(120)
class HostileInputIT {

    private static String dbUrl;

    @TempDir
    Path dir;

    @BeforeAll
    static void database() {
        dbUrl = TestDatabase.freshSchemaUrl("hostile_input");
        System.setProperty("spring.datasource.url", dbUrl);
    }

    @AfterAll
    static void forgetDatabase() {
        System.clearProperty("spring.datasource.url");
    }

    // ---- CSV ----

    @Test
    void unterminatedQuoteNamesTheFileAndLine() throws IOException {
        Path csv = write("unterminated.csv", "first_name,last_name,mobile\n"
                + "Ann,Smith,07400 000001\n"
                + "Bob,\"Jones,07400 000002\n"
                + "Cat,Brown,07400 000003\n");
        Cli.Result result = run(csvSpec("unterminated", csv));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("unterminated.csv").contains("line 3").contains("quote");
        assertClean(result);
    }

    @Test
    void truncatedFileEndingInsideAQuoteNamesTheFileAndLine() throws IOException {
        StringBuilder text = new StringBuilder("first_name,last_name,mobile\n");
        for (int i = 1; i <= 500; i++) {
            text.append("Name").append(i).append(",Surname,").append(String.format("07400 %06d", i)).append('\n');
        }
        text.append("Zed,\"Trunc");
        Path csv = write("truncated.csv", text.toString());
        Cli.Result result = run(csvSpec("truncated", csv));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("truncated.csv").contains("line 502")
                .contains("leads before it were created").contains("fix the source");
        assertClean(result);
    }

    @Test
    void raggedRowsBecomeBadLeadsWithTheirLine() throws IOException {
        Path csv = write("ragged.csv", "first_name,last_name,mobile\n"
                + "Ann,Smith,07400 000001\n"
                + "Bob,Jones\n"
                + "Cat,Brown,07400 000003,extra,fields\n"
                + "Dan,Green,07400 000004\n");
        Cli.Result result = run(csvSpec("ragged", csv));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertClean(result);
        Map<Long, String> bad = badLeads("ragged");
        assertThat(bad).containsOnlyKeys(3L, 4L);
        assertThat(bad.get(3L)).contains("line 3 has 2 fields");
        assertThat(bad.get(4L)).contains("line 4 has 5 fields");
        assertThat(count("ragged", "CREATED")).isEqualTo(2);
    }

    @Test
    void invalidUtf8NamesTheFileAndTheEncodingOption() throws IOException {
        Path csv = dir.resolve("latin1.csv");
        Files.write(csv, concat("first_name,last_name,mobile\nAnn,Smith,07400 000001\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {'R', 'e', 'n', (byte) 0xE9, ',', 'X', ',', '0', '7', '4', '0', '0', ' ', '0', '0', '0', '0', '0', '2', '\n'},
                new byte[] {(byte) 0xC3, (byte) 0x28, ',', 'Y', ',', '1', '\n'}));
        Cli.Result result = run(csvSpec("latin1", csv));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("latin1.csv").contains("not valid UTF-8").contains("source.csv.encoding");
        assertClean(result);
    }

    @Test
    void aOneMegabyteCellIsABadLeadNotACrash() throws IOException {
        String huge = "A".repeat(1 << 20);
        Path csv = write("hugecell.csv", "first_name,last_name,mobile\n"
                + "Ann,Smith,07400 000001\n"
                + huge + ",Jones,07400 000002\n"
                + "Cat,\"" + huge + "\",07400 000003\n"
                + "Dan,Green,07400 000004\n");
        Cli.Result result = run(csvSpec("hugecell", csv));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertClean(result);
        assertThat(result.all()).doesNotContain("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Map<Long, String> bad = badLeads("hugecell");
        assertThat(bad).containsOnlyKeys(3L, 4L);
        assertThat(bad.get(3L)).contains("FirstName");
        assertThat(bad.get(4L)).contains("LastName");
        assertThat(count("hugecell", "CREATED")).isEqualTo(2);
    }

    @Test
    void tenThousandColumnsLoad() throws IOException {
        StringBuilder header = new StringBuilder("first_name,last_name,mobile");
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            header.append(",c").append(i);
            row.append(",v").append(i);
        }
        StringBuilder text = new StringBuilder(header).append('\n');
        for (int i = 1; i <= 20; i++) {
            text.append("Name").append(i).append(",Surname,").append(String.format("07400 %06d", i)).append(row).append('\n');
        }
        text.append("Bad,Row,not a phone").append(row).append('\n');
        Path csv = write("wide.csv", text.toString());
        Cli.Result result = run(csvSpec("wide", csv));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertClean(result);
        assertThat(count("wide", "CREATED")).isEqualTo(20);
        assertThat(badLeads("wide")).containsOnlyKeys(22L);

        Path report = dir.resolve("wide-report");
        Cli.Result written = Cli.run("report", String.valueOf(lastExecution("wide")), "--out", report.toString());
        assertThat(written.exitCode()).as(written.toString()).isZero();
        List<String> bad = Files.readAllLines(report.resolve("bad.csv"));
        assertThat(bad).hasSize(2);
        assertThat(bad.get(0).split(",")).hasSizeGreaterThan(10_000);
    }

    @Test
    void aReportToAnExistingFileSaysItIsAFileNotADirectory() throws IOException {
        Path csv = write("toreport.csv", "first_name,last_name,mobile\nAnn,Smith,07400 000001\n");
        Cli.Result loaded = run(csvSpec("toreport", csv));
        assertThat(loaded.exitCode()).as(loaded.toString()).isEqualTo(ExitCodes.OK);
        Path file = write("notes.txt", "not a directory\n");

        Cli.Result result = Cli.run("report", String.valueOf(lastExecution("toreport")), "--out", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err().strip()).isEqualTo("leadloader: cannot write the report to " + file
                + ": it is a file, not a directory (give --out a directory)");
        assertClean(result);
    }

    @Test
    void anEmptyFileSaysSo() throws IOException {
        Path csv = write("empty.csv", "");
        Cli.Result result = run(csvSpec("empty", csv));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("empty.csv").contains("empty");
        assertClean(result);
    }

    @Test
    void aHeaderOnlyFileLoadsNothingAndSucceeds() throws IOException {
        Path csv = write("header-only.csv", "first_name,last_name,mobile\n");
        Cli.Result result = run(csvSpec("headeronly", csv));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("rows      0");
        assertClean(result);
    }

    @Test
    void aHeaderOnlyFileIsStillCheckedAgainstTheMapping() throws IOException {
        Path csv = write("header-only-abc.csv", "a,b,c\n");
        Path spec = csvSpec("headeronlyabc", csv);

        for (String command : List.of("validate", "run")) {
            Cli.Result result = Cli.run(command, spec.toString());
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
            assertThat(result.err()).as(command)
                    .contains("mapping.FirstName: source has no column 'first_name' (columns: a, b, c)")
                    .contains("mapping.MobilePhone: source has no column 'mobile'");
            assertClean(result);
        }
    }

    @Test
    void aWorkbookNamedCsvIsRecognised() throws IOException {
        Path xlsx = dir.resolve("leads.csv");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            var row = wb.createSheet("Leads").createRow(0);
            row.createCell(0).setCellValue("first_name");
            wb.write(out);
        }
        Cli.Result result = run(csvSpec("xlsxnamedcsv", xlsx));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("leads.csv").contains("Excel workbook").contains("source.excel");
        assertClean(result);
    }

    // ---- Excel ----

    @Test
    void aPngNamedXlsxIsNotAWorkbook() throws IOException {
        Path png = dir.resolve("photo.xlsx");
        Files.write(png, concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, new byte[4096]));
        Cli.Result result = run(excelSpec("png", png));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("photo.xlsx").contains("not an Excel workbook");
        assertClean(result);
    }

    @Test
    void aTextFileNamedXlsxIsNotAWorkbook() throws IOException {
        Path text = write("notes.xlsx", "first_name,last_name,mobile\nAnn,Smith,07400 000001\n");
        Cli.Result result = run(excelSpec("textxlsx", text));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("notes.xlsx").contains("not an Excel workbook");
        assertClean(result);
    }

    @Test
    void aTruncatedWorkbookSaysItCannotBeRead() throws IOException {
        Path xlsx = dir.resolve("cut.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            var sheet = wb.createSheet("Leads");
            for (int i = 0; i < 2000; i++) {
                var row = sheet.createRow(i);
                row.createCell(0).setCellValue("Name" + i);
                row.createCell(1).setCellValue("Surname" + i);
                row.createCell(2).setCellValue(String.format("07400 %06d", i));
            }
            wb.write(out);
        }
        byte[] bytes = Files.readAllBytes(xlsx);
        Files.write(xlsx, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Cli.Result result = run(excelSpec("cutxlsx", xlsx));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("cut.xlsx").contains("cannot be read as an Excel workbook");
        assertClean(result);
    }

    @Test
    void anXlsxZipBombIsRefusedWithoutRunningOutOfMemory() throws IOException {
        Path bomb = zipBomb(dir.resolve("bomb.xlsx"), 512L << 20);
        assertThat(Files.size(bomb)).isLessThan(4L << 20);
        Cli.Result result = run(excelSpec("bomb", bomb));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("bomb.xlsx").contains("zip bomb");
        assertClean(result);
    }

    // ---- the spec and the command line ----

    @Test
    void aSpecWithEveryKindOfMistakeListsThemAll() throws IOException {
        Path spec = write("mistakes.yml", """
                name: hostile-mistakes
                sourse:
                  csv: {path: leads.csv}
                source:
                  csv:
                    path: /nonexistent/leads.csv
                    header: maybe
                target:
                  table: Willtest
                  expect-state: sometimes
                mapping:
                  FirstName: first_name
                load:
                  chunk-size: lots
                  in-fligth: 3
                suppression:
                  files:
                    - path: /nonexistent/optouts.csv
                      screened-on: yesterday
                """);
        Cli.Result result = run(spec);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err())
                .contains("mistakes.yml: sourse: unknown key (did you mean 'source'?)")
                .contains("mistakes.yml: load.in-fligth: unknown key (did you mean 'in-flight'?)")
                .contains("source.csv.header: 'maybe' is not true or false")
                .contains("target.expect-state: 'sometimes' is not one of")
                .contains("load.chunk-size: 'lots' is not a whole number")
                .contains("screened-on: 'yesterday' is not a date")
                .contains("target.dataset")
                .contains("/nonexistent/leads.csv")
                .contains("/nonexistent/optouts.csv");
        assertClean(result);
    }

    @Test
    void aSpecThatIsNotYamlSaysSo() throws IOException {
        Path spec = write("binary.yml", "name: [unclosed\n  source: {\n\t- :\n");
        Cli.Result result = run(spec);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("binary.yml: not valid YAML");
        assertClean(result);
    }

    @Test
    void aMissingSpecFileIsAConfigurationError() {
        Cli.Result result = Cli.run("run", dir.resolve("no-such-spec.yml").toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("no-such-spec.yml: no such file");
        assertClean(result);
    }

    @Test
    void anUnknownSubcommandIsAConfigurationError() {
        Cli.Result result = Cli.run("lod", "jobs/demo.yml");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("lod");
        assertClean(result);
    }

    @Test
    void aMissingContactNowVariableIsNamed() throws IOException {
        assumeTrue(System.getenv("CONTACTNOW_BASEURL") == null && System.getenv("CONTACTNOW_USERNAME") == null
                && System.getenv("CONTACTNOW_PASSWORD") == null, "CONTACTNOW_* set in this environment");
        Path csv = write("real.csv", "first_name,last_name,mobile\nAnn,Smith,07400 000001\n");
        Path spec = Files.writeString(dir.resolve("real.yml"), Files.readString(csvSpec("real", csv))
                .replace("  sandbox: true\n", ""));
        Cli.Result result = run(spec);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("CONTACTNOW_BASEURL");
        assertClean(result);

        System.setProperty("contactnow.base-url", "http://127.0.0.1:9/");
        try {
            Cli.Result noUser = run(spec);
            assertThat(noUser.exitCode()).as(noUser.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
            assertThat(noUser.err()).contains("CONTACTNOW_USERNAME");
            assertClean(noUser);
        } finally {
            System.clearProperty("contactnow.base-url");
        }
    }

    // ---- JDBC ----

    @Test
    void aSortKeyThatIsNotUniqueStopsTheRunInOneSentence() throws IOException {
        Path spec = write("notunique.yml", """
                name: hostile-notunique
                source:
                  jdbc:
                    url: "%s"
                    query: >-
                      select * from (values (1,'J1','07400000001'),(1,'J2','07400000002'),
                      (1,'J3','07400000003'),(2,'K1','07400000004')) t(grp,first_name,mobile)
                    sort-key: grp
                    fetch-size: 2
                target:
                  table: Willtest
                  dataset: "100"
                  sandbox: true
                mapping:
                  FirstName: first_name
                  MobilePhone: mobile
                dedupe:
                  key: [phone]
                  scope: run
                """.formatted(TestDatabase.baseUrl()));

        Cli.Result result = run(spec);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
        assertThat(result.err()).contains("source.jdbc.sort-key 'grp' is not unique: rows 1 and 2 both have grp = 1,"
                + " so paging would skip rows; name a unique column");
        assertThat(count("notunique", "CREATED")).isZero();
        assertClean(result);
    }

    @Test
    void aQueryThatReturnsNoRowIsStillCheckedAgainstTheMapping() throws IOException {
        Path spec = write("emptyquery.yml", """
                name: hostile-emptyquery
                source:
                  jdbc:
                    url: "%s"
                    query: >-
                      select * from (values (1,'J1','07400000001')) t(id,first_name,mobile) where first_name = :name
                    parameters:
                      name: nobody
                    sort-key: id
                target:
                  table: Willtest
                  dataset: "100"
                  sandbox: true
                mapping:
                  FirstName: frist_name
                  MobilePhone: mobile
                """.formatted(TestDatabase.baseUrl()));

        for (String command : List.of("validate", "run")) {
            Cli.Result result = Cli.run(command, spec.toString());
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
            assertThat(result.err()).as(command).contains("mapping.FirstName: source has no column 'frist_name'")
                    .contains("(columns: id, first_name, mobile)");
            assertClean(result);
        }
    }

    @Test
    void anUnknownCampaignTableIsAConfigurationErrorNamingTheTables() throws IOException {
        Path csv = write("notable.csv", "first_name,last_name,mobile\nAnn,Smith,07400 000001\n");
        Path spec = Files.writeString(dir.resolve("notable.yml"), Files.readString(csvSpec("notable", csv))
                .replace("table: Willtest", "table: Nope"));
        for (String command : List.of("run", "validate")) {
            Cli.Result result = Cli.run(command, spec.toString());
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
            assertThat(result.err()).as(result.toString())
                    .contains("hostile-notable: target.table: ContactNow has no campaign table 'Nope' (tables: Willtest)")
                    .doesNotContain("cannot check the target");
            assertClean(result);
        }
    }

    @Test
    void aBaseUrlThatIsNotAnHttpUrlIsNamedWithoutItsUserInfo() throws IOException {
        Path csv = write("badurl.csv", "first_name,last_name,mobile\nAnn,Smith,07400 000001\n");
        Path spec = Files.writeString(dir.resolve("badurl.yml"), Files.readString(csvSpec("badurl", csv))
                .replace("  sandbox: true\n", ""));
        for (String url : List.of("not-a-url", "ftp://joe:s3cret@api-106.dxi.eu/", "joe:s3cret@api-106.dxi.eu")) {
            System.setProperty("contactnow.base-url", url);
            System.setProperty("contactnow.username", "api-user");
            System.setProperty("contactnow.password", "api-key");
            try {
                Cli.Result result = run(spec);
                assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
                assertThat(result.err()).as(result.toString()).contains("contactnow.base-url is not an http(s) URL")
                        .contains("CONTACTNOW_BASEURL");
                assertThat(result.all()).as(result.toString()).doesNotContain("s3cret").doesNotContain("joe");
                assertThat(result.all().strip().lines()).as(result.toString()).hasSize(1);
                assertClean(result);
            } finally {
                System.clearProperty("contactnow.base-url");
                System.clearProperty("contactnow.username");
                System.clearProperty("contactnow.password");
            }
        }
    }

    // ---- settings ----

    @Test
    void aSettingLeadloaderCannotUseIsNamedInOneSentence() {
        Map<String, List<String>> cases = Map.of(
                "contactnow.format=yaml", List.of("invalid setting contactnow.format = \"yaml\"", "expected one of json, xml"),
                "leadloader.shutdown.grace=xyz", List.of("invalid setting leadloader.shutdown.grace = \"xyz\"",
                        "LEADLOADER_SHUTDOWN_GRACE", "'xyz' is not a valid duration"));
        cases.forEach((setting, expected) -> {
            String[] property = setting.split("=", 2);
            System.setProperty(property[0], property[1]);
            try {
                Cli.Result result = Cli.run("status");
                assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
                assertThat(result.err()).as(result.toString()).contains(expected).doesNotContain("job repository");
                assertThat(result.all().strip().lines()).as(result.toString()).hasSize(1);
                assertClean(result);
            } finally {
                System.clearProperty(property[0]);
            }
        });
    }

    @Test
    void aJobRepositoryThatCannotBeReachedIsOneSentence() {
        for (String url : List.of("jdbc:postgresql://127.0.0.1:1/nowhere", "postgres://127.0.0.1/test")) {
            System.setProperty("spring.datasource.url", url);
            try {
                Cli.Result result = Cli.run("status");
                assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CONFIGURATION_ERROR);
                assertThat(result.err()).as(result.toString()).contains("cannot open the job repository")
                        .contains("LEADLOADER_DB_URL");
                assertThat(result.all().strip().lines()).as(result.toString()).hasSize(1);
                assertClean(result);
            } finally {
                System.setProperty("spring.datasource.url", dbUrl);
            }
        }
    }

    // ---- helpers ----

    private Cli.Result run(Path spec) {
        return Cli.run("run", spec.toString());
    }

    /** Neither a stack trace nor an exception class name reaches the user. */
    static void assertClean(Cli.Result result) {
        assertThat(result.all()).as(result.toString())
                .doesNotContain("Exception")
                .doesNotContainPattern("(?m)^\\s+at [a-z]+\\.")
                .doesNotContain("OutOfMemoryError");
    }

    private Path csvSpec(String name, Path csv) throws IOException {
        return spec(name, "csv:\n    path: " + csv.toAbsolutePath());
    }

    private Path excelSpec(String name, Path xlsx) throws IOException {
        return spec(name, "excel:\n    path: " + xlsx.toAbsolutePath());
    }

    private Path spec(String name, String source) throws IOException {
        return write(name + ".yml", """
                name: hostile-%s
                source:
                  %s
                target:
                  table: Willtest
                  dataset: "100"
                  sandbox: true
                mapping:
                  FirstName: first_name
                  LastName: last_name
                  MobilePhone: mobile
                dedupe:
                  key: [phone]
                  scope: run
                """.formatted(name, source));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A valid-looking .xlsx whose one sheet inflates to {@code sheetBytes} of XML: one endless cell. */
    static Path zipBomb(Path file, long sheetBytes) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                    <sheets><sheet name="Leads" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>first_name</t></is></c></row>"
                    + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>").getBytes(StandardCharsets.UTF_8));
            byte[] block = "A".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written < sheetBytes; written += block.length) {
                zip.write(block);
            }
            zip.write("</t></is></c></row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    // ---- the ledger, read directly ----

    private static Map<Long, String> badLeads(String name) {
        Map<Long, String> bad = new LinkedHashMap<>();
        query("select source_position, reason_code, message from lead_ledger where job_name = 'hostile-" + name
                + "' and state = 'BAD' order by source_position", rs -> bad.put(rs.getLong(1),
                rs.getString(2) + ": " + rs.getString(3)));
        return bad;
    }

    private static long count(String name, String state) {
        List<Long> n = new ArrayList<>();
        query("select count(*) from lead_ledger where job_name = 'hostile-" + name + "' and state = '" + state + "'",
                rs -> n.add(rs.getLong(1)));
        return n.get(0);
    }

    private static long lastExecution(String name) {
        List<Long> n = new ArrayList<>();
        query("select max(job_execution_id) from lead_ledger where job_name = 'hostile-" + name + "'",
                rs -> n.add(rs.getLong(1)));
        return n.get(0);
    }

    interface RowHandler {
        void handle(ResultSet rs) throws java.sql.SQLException;
    }

    private static void query(String sql, RowHandler handler) {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                handler.handle(rs);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
