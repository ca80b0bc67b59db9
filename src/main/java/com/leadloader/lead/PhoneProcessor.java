package com.leadloader.lead;

import com.leadloader.source.FixedMap;
import com.leadloader.spec.PhonesSpec;
import com.leadloader.spec.PhonesSpec.PhoneType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalises a lead's phone numbers and, when the spec routes by type, puts mobiles in MobilePhone
 * and other numbers in HomePhone then WorkPhone. A number that cannot be used is dropped with a
 * warning; a lead left with no usable number is BAD ({@code NO_VALID_PHONE}), since ContactNow
 * needs at least one. Thread-safe.
 */
public final class PhoneProcessor {

    public static final String HOME_PHONE = "HomePhone";
    public static final String WORK_PHONE = "WorkPhone";
    public static final String MOBILE_PHONE = "MobilePhone";
    /** The three phone fields of every campaign table, in the order ContactNow lists them. */
    public static final List<String> PHONE_FIELDS = List.of(HOME_PHONE, WORK_PHONE, MOBILE_PHONE);

    public static final String NO_VALID_PHONE = "NO_VALID_PHONE";

    /** Where {@link #phoneFields} keeps its answer on the keys. */
    private static final Object PHONE_FLAGS = new Object();

    private final PhonesSpec spec;
    private final PhoneNormalizer normalizer;

    public PhoneProcessor(PhonesSpec spec, PhoneNormalizer normalizer) {
        this.spec = spec;
        this.normalizer = normalizer;
    }

    /** The lead with its phones normalised (and routed), or marked BAD when none is usable. */
    public Lead process(Lead lead) {
        if (!lead.isValid()) {
            return lead;
        }
        Outcome outcome = spec.routeByType() ? route(lead) : inPlace(lead);
        List<String> warnings = outcome.rejections;
        if (!outcome.otherWarnings.isEmpty()) {
            warnings = new ArrayList<>(outcome.rejections);
            warnings.addAll(outcome.otherWarnings);
        }
        Lead result = (outcome.fields == lead.fields() ? lead : lead.withFields(outcome.fields)).withWarnings(warnings);
        if (!outcome.anyPhone) {
            StringBuilder why = new StringBuilder(lead.where())
                    .append(": at least one phone is required (HomePhone, WorkPhone or MobilePhone)");
            if (!outcome.rejections.isEmpty()) {
                why.append("; ").append(String.join("; ", outcome.rejections));
            } else {
                why.append(spec.routeByType()
                        ? "; the columns " + spec.columns() + " are empty"
                        : "; all phone fields are empty");
            }
            result = result.bad(NO_VALID_PHONE, why.toString());
        }
        return result;
    }

    private Outcome inPlace(Lead lead) {
        FixedMap<String, String> fields = lead.fixedFields();
        boolean[] phone = phoneFields(fields.keys());
        String[] values = null;
        Outcome outcome = new Outcome(fields);
        for (int i = 0; i < phone.length; i++) {
            String value = fields.valueAt(i);
            if (!phone[i] || value == null || value.isBlank()) {
                continue;
            }
            PhoneResult result = normalizer.normalize(value);
            String normalized;
            if (result.isValid()) {
                normalized = result.normalized();
                outcome.anyPhone = true;
            } else {
                outcome.rejections.add(dropped(fields.keys().name(i), value, lead, result.rejection()));
                normalized = "";
            }
            if (!normalized.equals(value)) {
                if (values == null) {
                    values = new String[phone.length];
                    for (int j = 0; j < values.length; j++) {
                        values[j] = fields.valueAt(j);
                    }
                }
                values[i] = normalized;
            }
        }
        if (values != null) {
            outcome.fields = FixedMap.of(fields.keys(), values);
        }
        return outcome;
    }

    /** Mobiles to MobilePhone, the rest to HomePhone then WorkPhone; a second mobile takes a free slot. */
    private Outcome route(Lead lead) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>(lead.fields());
        for (String phoneField : PHONE_FIELDS) {
            fields.keySet().removeIf(name -> name.equalsIgnoreCase(phoneField));
        }
        Outcome outcome = new Outcome(lead.fields());
        String mobile = null;
        List<String> others = new ArrayList<>(2);
        for (String column : spec.columns()) {
            String raw = lead.row().value(column);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            PhoneResult result = normalizer.normalize(raw);
            if (!result.isValid()) {
                outcome.rejections.add(dropped(column, raw, lead, result.rejection()));
                continue;
            }
            String number = result.normalized();
            if (number.equals(mobile) || others.contains(number)) {
                continue; // the same number in two columns is one number
            }
            if (result.type() == PhoneType.MOBILE && mobile == null) {
                mobile = number;
            } else if (others.size() < 2) {
                others.add(number);
            } else {
                outcome.otherWarnings.add(column + " '" + raw + "' (" + lead.where()
                        + ") dropped: MobilePhone, HomePhone and WorkPhone are already filled");
            }
        }
        fields.put(HOME_PHONE, others.size() > 0 ? others.get(0) : "");
        fields.put(WORK_PHONE, others.size() > 1 ? others.get(1) : "");
        fields.put(MOBILE_PHONE, mobile == null ? "" : mobile);
        outcome.fields = FixedMap.copyOf(fields);
        outcome.anyPhone = mobile != null || !others.isEmpty();
        return outcome;
    }

    private static String dropped(String name, String raw, Lead lead, String rejection) {
        return name + " '" + raw + "' (" + lead.where() + ") " + rejection + ", dropped";
    }

    static boolean isPhoneField(String name) {
        // Most fields are not phones; their length says so without comparing letters.
        if (name.length() != HOME_PHONE.length() && name.length() != MOBILE_PHONE.length()) {
            return false;
        }
        for (String phoneField : PHONE_FIELDS) {
            if (phoneField.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** By position in {@code keys}, whether the field is one of the three phone fields; shared, never change it. */
    static boolean[] phoneFields(FixedMap.Keys<String> keys) {
        return keys.flags(PHONE_FLAGS, PhoneProcessor::isPhoneField);
    }

    private static final class Outcome {
        /** The lead's fields after the phones: its own map when nothing changed. */
        Map<String, String> fields;
        final List<String> rejections = new ArrayList<>();
        final List<String> otherWarnings = new ArrayList<>();
        boolean anyPhone;

        Outcome(Map<String, String> fields) {
            this.fields = fields;
        }
    }
}
