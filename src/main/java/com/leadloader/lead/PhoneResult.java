package com.leadloader.lead;

import com.leadloader.spec.PhonesSpec.PhoneType;

/**
 * What {@link PhoneNormalizer} made of one raw value: the number in the spec's format, or why it
 * was refused. Exactly one of {@code normalized} and {@code rejection} is set.
 *
 * @param normalized the number as it will be sent, or null when refused
 * @param type       libphonenumber's type for it (UNKNOWN when refused or not classified)
 * @param rejection  why it was refused, as the rest of a sentence that starts with the value:
 *                   {@code is not a valid GB number: too short}; null when accepted
 */
public record PhoneResult(String normalized, PhoneType type, String rejection) {

    public PhoneResult {
        if ((normalized == null) == (rejection == null)) {
            throw new IllegalArgumentException("exactly one of normalized and rejection must be set");
        }
        type = type == null ? PhoneType.UNKNOWN : type;
    }

    static PhoneResult accepted(String normalized, PhoneType type) {
        return new PhoneResult(normalized, type, null);
    }

    static PhoneResult rejected(String why) {
        return new PhoneResult(null, PhoneType.UNKNOWN, why);
    }

    public boolean isValid() {
        return normalized != null;
    }
}
