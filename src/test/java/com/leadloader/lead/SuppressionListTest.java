package com.leadloader.lead;

import static com.leadloader.lead.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadloader.cli.UserError;
import com.leadloader.spec.PhonesSpec;
import com.leadloader.spec.SuppressionFile;
import com.leadloader.spec.SuppressionSpec;
import com.leadloader.spec.SuppressionSpec.StalePolicy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionListTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-30T09:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate FRESH = LocalDate.of(2025, 6, 20);
    private final PhoneNormalizer normalizer = new PhoneNormalizer(PhonesSpec.defaults());

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private SuppressionList load(StalePolicy onStale, SuppressionFile... files) {
        return SuppressionList.load(new SuppressionSpec(List.of(files), 28, onStale), normalizer, CLOCK);
    }

    private static Lead lead(String... fieldsAndValues) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return Lead.mapped(row(12, "x", "y"), fields);
    }

    @Test
    void everyNumberOfALargeListMatchesAndNoOtherDoes() throws IOException {
        Path tps = dir.resolve("tps-large.txt");
        try (BufferedWriter out = Files.newBufferedWriter(tps)) {
            for (int i = 0; i < 200_000; i += 2) {
                out.write(String.format("07700 %06d%n", i)); // the even ones of 07700 000000 to 07700 199999
            }
        }
        SuppressionList list = load(null, new SuppressionFile(tps.toString(), FRESH));

        assertThat(list.size()).isEqualTo(100_000);
        for (int i = 0; i < 200_000; i++) {
            String number = String.format("+447700%06d", i);
            assertThat(list.match(lead("MobilePhone", number))).as(number)
                    .isEqualTo(i % 2 == 0 ? java.util.Optional.of(tps.toString()) : java.util.Optional.empty());
        }
    }

    @Test
    void aListedNumberMatchesTheLeadWhateverTheFormatting() throws IOException {
        Path tps = write("tps.txt", "+44 7911 123456\n0161 496 0000\n\n");
        SuppressionList list = load(null, new SuppressionFile(tps.toString(), FRESH));

        assertThat(list.match(lead("MobilePhone", "07911123456"))).contains(tps.toString());
        assertThat(list.match(lead("HomePhone", "01614960000"))).contains(tps.toString());
        assertThat(list.match(lead("MobilePhone", "07400123456"))).isEmpty();
        assertThat(list.warnings()).isEmpty();
    }

    @Test
    void aCsvListWithAHeaderMatchesEmailsCaseInsensitively() throws IOException {
        Path optOuts = write("optouts.csv", "value,reason\r\n\"Jon.Smith@Example.com\",asked\r\n7911 123456,asked\r\n");
        SuppressionList list = load(null, new SuppressionFile(optOuts.toString(), FRESH));

        SuppressionList.Match match = list.find(lead("Customer_Email", " jon.smith@example.COM ")).orElseThrow();

        assertThat(match.kind()).isEqualTo(SuppressionList.Kind.EMAIL);
        assertThat(match.field()).isEqualTo("Customer_Email");
        assertThat(list.find(lead("MobilePhone", "07911123456")).orElseThrow().kind())
                .isEqualTo(SuppressionList.Kind.PHONE);
        assertThat(list.size()).isEqualTo(2);
    }

    @Test
    void theProcessorMarksAListedLeadSuppressedNamingTheList() throws IOException {
        Path tps = write("tps.txt", "07911123456\n");
        SuppressionProcessor processor = new SuppressionProcessor(load(null, new SuppressionFile(tps.toString(), FRESH)));

        Lead result = processor.process(lead("MobilePhone", "07911123456"));

        assertThat(result.status()).isEqualTo(LeadStatus.SUPPRESSED);
        assertThat(result.reasonCode()).isEqualTo(SuppressionProcessor.SUPPRESSED_PHONE);
        assertThat(result.message()).isEqualTo("leads.csv row 12: MobilePhone is on the suppression list '" + tps + "'");
    }

    @Test
    void aStaleListRefusesTheRunNamingFileDateAndMaximumAge() throws IOException {
        Path tps = write("tps.txt", "07911123456\n");
        SuppressionFile old = new SuppressionFile(tps.toString(), LocalDate.of(2025, 5, 1));

        assertThatThrownBy(() -> load(StalePolicy.REFUSE, old))
                .isInstanceOf(StaleSuppressionException.class)
                .isInstanceOf(UserError.class)
                .hasMessage("suppression.files[0]: suppression file '" + tps + "' was screened on 2025-05-01,"
                        + " 60 days ago; the maximum age is 28 days: screen it again, or set"
                        + " suppression.on-stale: warn to load anyway");
    }

    @Test
    void aStaleListUnderWarnIsLoadedAndRecorded() throws IOException {
        Path tps = write("tps.txt", "07911123456\n");
        SuppressionList list = load(StalePolicy.WARN, new SuppressionFile(tps.toString(), LocalDate.of(2025, 5, 1)));

        assertThat(list.warnings()).singleElement().asString().contains("screened on 2025-05-01");
        assertThat(list.match(lead("MobilePhone", "07911 123456"))).isPresent();
    }

    @Test
    void anUndatedListIsTreatedAsStale() throws IOException {
        Path tps = write("tps.txt", "07911123456\n");

        assertThatThrownBy(() -> load(StalePolicy.REFUSE, new SuppressionFile(tps.toString(), null)))
                .isInstanceOf(StaleSuppressionException.class).hasMessageContaining("has no screenedOn date");
    }

    @Test
    void aMissingListIsAUserErrorNamingIt() {
        String missing = dir.resolve("nope.txt").toString();

        assertThatThrownBy(() -> load(null, new SuppressionFile(missing, FRESH)))
                .isInstanceOf(UserError.class)
                .hasMessage("suppression.files[0]: suppression file '" + missing + "' does not exist");
    }

    @Test
    void linesThatAreNeitherNumbersNorEmailsRefuseTheRunNamingFileLinesAndFix() throws IOException {
        Path optOuts = write("optouts.txt", "number\n07400 121204 (opt out)\n\n07911123456\ntel 07400121206\n"
                + "7.400121208E9\nnot a number\n");

        assertThatThrownBy(() -> load(null, new SuppressionFile(optOuts.toString(), FRESH)))
                .isExactlyInstanceOf(UserError.class)
                .hasMessage("suppression.files[0]: suppression file '" + optOuts + "' has 4 line(s) that are neither"
                        + " a phone number nor an email, so they would suppress nothing (line 2 '07400 121204 (opt out)',"
                        + " line 5 'tel 07400121206', line 6 '7.400121208E9', ...); fix the list so that each line"
                        + " holds one number or email, then run again")
                .extracting(e -> ((UserError) e).exitCode()).isEqualTo(com.leadloader.cli.ExitCodes.CONFIGURATION_ERROR);
    }

    @Test
    void aFirstLineWithDigitsIsNoHeaderSoAnUnreadableOneRefusesTheRun() throws IOException {
        Path optOuts = write("optouts.csv", "07400 121204 (opt out),asked\n07911123456,asked\n");

        assertThatThrownBy(() -> load(null, new SuppressionFile(optOuts.toString(), FRESH)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("(line 1 '07400 121204 (opt out)')")
                .hasMessageEndingWith("holds one number or email in its first column, then run again");
    }

    @Test
    void aMaximumAgeOfZeroTurnsTheStalenessCheckOff() throws IOException {
        Path tps = write("tps.txt", "07911123456\n");
        SuppressionSpec noLimit = new SuppressionSpec(List.of(new SuppressionFile(tps.toString(), LocalDate.of(2025, 6, 27)),
                new SuppressionFile(tps.toString(), null)), 0, StalePolicy.REFUSE);

        SuppressionList list = SuppressionList.load(noLimit, normalizer, CLOCK);

        assertThat(list.warnings()).isEmpty();
        assertThat(list.match(lead("MobilePhone", "07911 123456"))).isPresent();
    }

    @Test
    void aMillionNumberExtractLoadsAndMatches() throws IOException {
        Path tps = dir.resolve("tps-extract.txt");
        try (BufferedWriter out = Files.newBufferedWriter(tps)) {
            for (int i = 0; i < 1_000_000; i++) {
                out.write(i % 2 == 0 ? "+447400" : "07400 ");
                out.write(String.format("%06d", i));
                out.newLine();
            }
        }

        SuppressionList list = load(null, new SuppressionFile(tps.toString(), FRESH));

        assertThat(list.size()).isEqualTo(1_000_000);
        assertThat(list.match(lead("MobilePhone", "07400123456"))).isPresent();
        assertThat(list.match(lead("MobilePhone", "07400999999"))).isPresent();
        assertThat(list.match(lead("MobilePhone", "07911123456"))).isEmpty();
    }
}
