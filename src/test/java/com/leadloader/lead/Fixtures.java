package com.leadloader.lead;

import com.leadloader.contactnow.CampaignField;
import com.leadloader.source.SourceRow;
import com.leadloader.spec.DedupeSpec;
import com.leadloader.spec.FieldMapping;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.PhonesSpec;
import com.leadloader.spec.SuppressionSpec;
import com.leadloader.spec.TargetSpec;
import com.leadloader.spec.ValidationSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the lead tests: rows, campaign fields and specs. */
final class Fixtures {

    private Fixtures() {
    }

    /** A row of leads.csv at a line, from alternating column names and values. */
    static SourceRow row(long position, String... columnsAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return new SourceRow("leads.csv", position, values);
    }

    static CampaignField field(String name, int size, boolean required) {
        return new CampaignField(name, "varchar", size, true, "system", false, false, required, "", 0);
    }

    /** The fields of a campaign table like the seed's, with a custom email field. */
    static List<CampaignField> campaignFields() {
        return List.of(
                field("Title", 10, false), field("FirstName", 20, false), field("LastName", 30, false),
                field("HomePhone", 20, false), field("WorkPhone", 20, false), field("MobilePhone", 20, false),
                field("Postcode", 10, false), field("Customer_Email", 100, false),
                field("VENDOR_URN", 50, true));
    }

    /** A mapping of the usual columns: first, last, mobile, home, email. */
    static Map<String, FieldMapping> usualMapping() {
        Map<String, FieldMapping> mapping = new LinkedHashMap<>();
        mapping.put("FirstName", FieldMapping.ofColumn("first"));
        mapping.put("LastName", FieldMapping.ofColumn("last"));
        mapping.put("MobilePhone", FieldMapping.ofColumn("mobile"));
        mapping.put("HomePhone", FieldMapping.ofColumn("home"));
        mapping.put("Customer_Email", FieldMapping.ofColumn("email"));
        return mapping;
    }

    static JobSpec spec(Map<String, FieldMapping> mapping, PhonesSpec phones, DedupeSpec dedupe,
                        ValidationSpec validation) {
        return new JobSpec("test", null, new TargetSpec("Willtest", "7", null, null, null), mapping, phones, dedupe,
                SuppressionSpec.none(), validation, null);
    }

    static JobSpec usualSpec() {
        return spec(usualMapping(), null, null, null);
    }

    /** A usual row: first, last, mobile, home, email. */
    static SourceRow person(long position, String first, String last, String mobile, String home, String email) {
        return row(position, "first", first, "last", last, "mobile", mobile, "home", home, "email", email);
    }
}
