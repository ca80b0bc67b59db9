package com.leadloader.spec;

import java.util.List;
import java.util.Set;

/**
 * Phone normalisation with libphonenumber.
 *
 * @param region       the region numbers without a country code are read in (ISO 3166, GB by default)
 * @param format       how normalised numbers are sent: NATIONAL digits ({@code 07123456789}, as the
 *                     seeds show) or E164 ({@code +447123456789})
 * @param columns      with routing: the source columns that hold phone numbers
 * @param routeByType  route numbers by libphonenumber's type: mobiles to MobilePhone, fixed lines to
 *                     HomePhone then WorkPhone; without it the mapped phone fields are normalised in place
 * @param strictness   VALID numbers only (default), or any POSSIBLE number
 * @param allowedTypes number types accepted; others are dropped with a warning (premium-rate and
 *                     shared-cost are refused by default)
 */
public record PhonesSpec(
        String region,
        PhoneFormat format,
        List<String> columns,
        Boolean routeByType,
        Strictness strictness,
        Set<PhoneType> allowedTypes) {

    /** The form numbers are sent in. */
    public enum PhoneFormat { NATIONAL, E164 }

    /** How strictly a number must match the numbering plan. */
    public enum Strictness { VALID, POSSIBLE }

    /** Number types, as libphonenumber classifies them. */
    public enum PhoneType {
        MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, TOLL_FREE, PREMIUM_RATE, SHARED_COST, VOIP,
        PERSONAL_NUMBER, PAGER, UAN, VOICEMAIL, UNKNOWN
    }

    /** The types accepted when a spec does not say: everything a call centre may dial cheaply. */
    public static final Set<PhoneType> DEFAULT_ALLOWED_TYPES = Set.of(
            PhoneType.MOBILE, PhoneType.FIXED_LINE, PhoneType.FIXED_LINE_OR_MOBILE,
            PhoneType.TOLL_FREE, PhoneType.VOIP, PhoneType.PERSONAL_NUMBER, PhoneType.UAN);

    public PhonesSpec {
        region = region == null ? "GB" : region;
        format = format == null ? PhoneFormat.NATIONAL : format;
        columns = columns == null ? List.of() : List.copyOf(columns);
        routeByType = routeByType == null ? Boolean.FALSE : routeByType;
        strictness = strictness == null ? Strictness.VALID : strictness;
        allowedTypes = allowedTypes == null || allowedTypes.isEmpty() ? DEFAULT_ALLOWED_TYPES : Set.copyOf(allowedTypes);
    }

    public static PhonesSpec defaults() {
        return new PhonesSpec(null, null, null, null, null, null);
    }
}
