package com.leadloader.bench;

import com.leadloader.generate.LeadGenerator;
import com.leadloader.generate.LeadGenerator.Format;
import com.leadloader.generate.LeadGenerator.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark's input: generated lead files (each made once per size, format and mix) and job
 * specs that load them the way {@code jobs/generated-leads.yml} does.
 */
final class BenchFiles {

    /** The generator's default mix: 5% duplicates, 3% bad, 2% suppressed. */
    static final double[] MIXED = {5, 3, 2};
    /** Every row a distinct good lead. */
    static final double[] CLEAN = {0, 0, 0};

    private final Path dir;
    private final Map<String, Summary> made = new HashMap<>();

    BenchFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** A file of {@code rows} leads with the given shares (duplicates, bad, suppressed), generated on first use. */
    Summary leads(long rows, Format format, double[] mix) throws IOException {
        String name = "leads-" + rows + "-" + (mix == CLEAN ? "clean" : "mixed") + "." + format.name().toLowerCase();
        Summary summary = made.get(name);
        if (summary == null) {
            summary = new LeadGenerator().generate(new LeadGenerator.Options(rows, format, dir.resolve(name), 1,
                    mix[0], mix[1], mix[2]));
            made.put(name, summary);
        }
        return summary;
    }

    /**
     * A spec loading {@code leads} into Willtest dataset 100.
     *
     * @param sandbox  true: a sandbox in the loader's own process ({@code target.sandbox}); false: the
     *                 ContactNow that {@code CONTACTNOW_BASEURL} names
     * @param scope    the dedupe scope (run, table)
     */
    Path spec(String name, Summary leads, boolean sandbox, String scope, int chunkSize, int inFlight) throws IOException {
        String file = leads.leads().toString();
        String source = file.endsWith(".xlsx")
                ? "  excel:\n    path: " + quoted(file) + "\n    sheet: Leads\n"
                : "  csv:\n    path: " + quoted(file) + "\n";
        String yaml = """
                name: %s
                source:
                %starget:
                  table: Willtest
                  dataset: "100"
                  sandbox: %s
                mapping:
                  Title: title
                  FirstName:
                    column: first_name
                    transform: [collapse-spaces, trim]
                  LastName:
                    column: last_name
                    transform: [collapse-spaces, trim]
                  Address1: address1
                  Address2: address2
                  Address3: town
                  Postcode:
                    column: postcode
                    transform: [trim, upper]
                  Customer_Email:
                    column: email
                    transform: [trim, lower]
                  MobilePhone: mobile
                  HomePhone: home_phone
                  company_name:
                    column: company
                    default: "(private individual)"
                phones:
                  region: GB
                dedupe:
                  key: [phone]
                  scope: %s
                suppression:
                  files:
                    - path: %s
                      screened-on: %s
                validation:
                  over-long: reject
                  max-bad-percent: 25
                load:
                  chunk-size: %d
                  in-flight: %d
                """.formatted(name, source, sandbox, scope, quoted(leads.suppressionFile().toString()),
                LocalDate.now(ZoneOffset.UTC), chunkSize, inFlight);
        return Files.writeString(dir.resolve(name + ".yml"), yaml);
    }

    private static String quoted(String path) {
        return "'" + path.replace("'", "''") + "'";
    }
}
