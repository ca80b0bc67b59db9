package com.leadloader.lead;

import com.leadloader.cli.UserError;
import com.leadloader.source.FixedMap;
import com.leadloader.spec.DedupeSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Builds the key that says two leads are the same person, from the parts {@code dedupe.key} names.
 * The key is a hash (SHA-256, first 16 bytes in hex), so the ledger's key column holds no personal
 * data. A lead with every part empty has no key and is not deduplicated. Thread-safe.
 */
public final class DedupeKeys {

    private static final HexFormat HEX = HexFormat.of();

    private enum Kind { PHONE, EMAIL, COLUMN, FIELD }

    private record Part(Kind kind, String name) {
        /** What the part's value is preceded by in the plain key, e.g. {@code PHONE:null=}. */
        String label() {
            return kind + ":" + name + "=";
        }
    }

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    });

    /** Where {@link #emailFields} keeps its answer on the keys. */
    private static final Object EMAIL_FLAGS = new Object();

    private final List<Part> parts = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final String description;

    /** @throws UserError when {@code dedupe.key} names a part that does not exist */
    public DedupeKeys(DedupeSpec spec) {
        List<String> names = new ArrayList<>();
        for (String part : spec.key()) {
            String p = part.strip();
            String lower = p.toLowerCase(Locale.ROOT);
            if (lower.equals("phone")) {
                parts.add(new Part(Kind.PHONE, null));
                names.add("phone");
            } else if (lower.equals("email")) {
                parts.add(new Part(Kind.EMAIL, null));
                names.add("email");
            } else if (lower.startsWith("column:") && p.length() > 7) {
                parts.add(new Part(Kind.COLUMN, p.substring(7)));
                names.add(p.substring(7));
            } else if (lower.startsWith("field:") && p.length() > 6) {
                parts.add(new Part(Kind.FIELD, p.substring(6)));
                names.add(p.substring(6));
            } else {
                throw new UserError("dedupe.key: unknown part '" + part
                        + "' (use phone, email, column:NAME or field:NAME)");
            }
        }
        this.description = String.join(" and ", names);
        for (Part part : parts) {
            labels.add(part.label());
        }
    }

    /** What the key is made of, for messages: {@code phone}, {@code phone and email}. */
    public String describe() {
        return description;
    }

    /** The lead with its dedupe key set, or with a warning when it has none; non-VALID leads unchanged. */
    public Lead withKey(Lead lead) {
        if (!lead.isValid()) {
            return lead;
        }
        String key = keyOf(lead);
        if (key == null) {
            return lead.withWarning(lead.where() + ": no " + description
                    + " to find duplicates by; not checked for duplicates");
        }
        return lead.withDedupeKey(key);
    }

    /** The lead's hashed key (32 hex characters), or null when every part is empty. */
    public String keyOf(Lead lead) {
        StringBuilder plain = new StringBuilder();
        boolean any = false;
        for (int i = 0; i < parts.size(); i++) {
            String value = value(parts.get(i), lead);
            any |= !value.isEmpty();
            plain.append(labels.get(i)).append(value).append('\u001F');
        }
        return any ? hash(plain.toString()) : null;
    }

    private static String value(Part part, Lead lead) {
        return switch (part.kind) {
            case PHONE -> phones(lead);
            case EMAIL -> email(lead);
            case COLUMN -> trimmed(lead.row().value(part.name));
            case FIELD -> trimmed(lead.field(part.name));
        };
    }

    /** The lead's (already normalised) phones, sorted, so the same numbers in other fields match. */
    private static String phones(Lead lead) {
        FixedMap<String, String> fields = lead.fixedFields();
        boolean[] phone = PhoneProcessor.phoneFields(fields.keys());
        String only = null;
        List<String> phones = null;
        for (int i = 0; i < phone.length; i++) {
            String value = fields.valueAt(i);
            if (!phone[i] || value == null || value.isBlank()) {
                continue;
            }
            if (only == null) {
                only = value.strip();
            } else {
                if (phones == null) {
                    phones = new ArrayList<>(3);
                    phones.add(only);
                }
                phones.add(value.strip());
            }
        }
        if (phones == null) {
            return only == null ? "" : only;
        }
        phones.sort(null);
        return String.join(",", phones);
    }

    private static String email(Lead lead) {
        FixedMap<String, String> fields = lead.fixedFields();
        boolean[] email = emailFields(fields.keys());
        for (int i = 0; i < email.length; i++) {
            String value = fields.valueAt(i);
            if (email[i] && value != null && !value.isBlank()) {
                return value.strip().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    /** By position in {@code keys}, whether the field holds an email ({@link #isEmailField}); shared, never change it. */
    static boolean[] emailFields(FixedMap.Keys<String> keys) {
        return keys.flags(EMAIL_FLAGS, DedupeKeys::isEmailField);
    }

    /** A field holding an email: ContactNow has no standard one, so any field named like {@code *email*}. */
    static boolean isEmailField(String name) {
        return name.toLowerCase(Locale.ROOT).contains("email");
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.strip();
    }

    private static String hash(String plain) {
        byte[] digest = SHA_256.get().digest(plain.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest, 0, 16);
    }

    /** 64 bits of a key built by this class, for compact in-memory tables. */
    static long hash64(String key) {
        return HexFormat.fromHexDigitsToLong(key, 0, 16); // no substring: the in-run dedupe asks twice a lead
    }
}
