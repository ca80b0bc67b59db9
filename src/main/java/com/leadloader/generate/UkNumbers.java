package com.leadloader.generate;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * UK phone numbers that libphonenumber holds valid, and the ways people write them. Mobiles are
 * drawn without repetition from every 07400-07999 block libphonenumber accepts (tens of millions of
 * numbers), through an affine permutation of the block space chosen by the seed, so number
 * {@code k} is distinct from every other {@code k} and costs no memory to remember.
 */
final class UkNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int BLOCK = 100_000;

    /** 5-digit national prefixes 74000-79999 whose whole block of 100,000 numbers is a valid mobile range. */
    private static final int[] MOBILE_BLOCKS = mobileBlocks();

    private final long space;
    private final long multiplier;
    private final long offset;

    UkNumbers(long seed) {
        this.space = (long) MOBILE_BLOCKS.length * BLOCK;
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long m = space / 3 + random.nextLong(space / 3);
        while (BigInteger.valueOf(m).gcd(BigInteger.valueOf(space)).intValue() != 1) {
            m++;
        }
        this.multiplier = m;
        this.offset = random.nextLong(space);
    }

    /** How many distinct mobiles there are to draw from. */
    long mobileCount() {
        return space;
    }

    /** The national significant number (10 digits, {@code 7xxxxxxxxx}) of the k-th distinct mobile. */
    long mobile(long k) {
        if (k < 0 || k >= space) {
            throw new IllegalArgumentException("only " + space + " distinct mobiles exist; asked for number " + k);
        }
        // space < 6e8, so multiplier * k < 3.6e17 never overflows
        long index = (multiplier * k + offset) % space;
        return MOBILE_BLOCKS[(int) (index / BLOCK)] * (long) BLOCK + index % BLOCK;
    }

    /** A valid geographic number of the area, drawn with {@code random}: its national significant number. */
    static long landline(Town town, SplittableRandom random) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            long local = town.localLength() == 8
                    ? (town.areaCode().equals("20") ? pick(random, "378") : pick(random, "23456789"))
                    : pick(random, "2345678");
            for (int i = 1; i < town.localLength(); i++) {
                local = local * 10 + random.nextInt(10);
            }
            long nsn = Long.parseLong(town.areaCode() + local);
            if (isValid(nsn, PhoneNumberType.FIXED_LINE)) {
                return nsn;
            }
        }
        throw new IllegalStateException("no valid landline found for area code 0" + town.areaCode());
    }

    private static int pick(SplittableRandom random, String digits) {
        return digits.charAt(random.nextInt(digits.length())) - '0';
    }

    static boolean isValid(long nsn, PhoneNumberType type) {
        PhoneNumber number = new PhoneNumber().setCountryCode(44).setNationalNumber(nsn);
        // GB only: +44 7624 (Isle of Man), 7781 (Guernsey), 7797 (Jersey)... are valid for other regions
        if (!UTIL.isValidNumberForRegion(number, "GB")) {
            return false;
        }
        PhoneNumberType actual = UTIL.getNumberType(number);
        return actual == type || (type == PhoneNumberType.FIXED_LINE && actual == PhoneNumberType.FIXED_LINE_OR_MOBILE);
    }

    /** A mobile as people write it: {@code 07911 123456}, {@code +44 7911 123456}, {@code 0044-7911-123456}... */
    static String writeMobile(long nsn, int style) {
        String d = Long.toString(nsn); // 7911123456
        String a = d.substring(0, 4);
        String b = d.substring(4);
        return switch (Math.floorMod(style, 11)) {
            case 0 -> "0" + a + " " + b;
            case 1 -> "0" + d;
            case 2 -> "+44 " + a + " " + b;
            case 3 -> "+44" + d;
            case 4 -> "+44 (0)" + a + " " + b;
            case 5 -> "0044 " + a + " " + b;
            case 6 -> "0" + a + "-" + b.substring(0, 3) + "-" + b.substring(3);
            case 7 -> "0" + a + "." + b.substring(0, 3) + "." + b.substring(3);
            case 8 -> "(0" + a + ") " + b;
            case 9 -> "0" + a + " " + b.substring(0, 3) + " " + b.substring(3);
            default -> d; // a spreadsheet ate the leading zero
        };
    }

    /** A landline as people write it: {@code (0113) 496 0123}, {@code 020 7946 0123}, {@code +44 1223 123456}... */
    static String writeLandline(long nsn, int areaLength, int style) {
        String d = Long.toString(nsn);
        String area = d.substring(0, areaLength);
        String local = d.substring(areaLength);
        String spaced = local.length() == 8
                ? local.substring(0, 4) + " " + local.substring(4)
                : local.length() == 7 ? local.substring(0, 3) + " " + local.substring(3) : local;
        return switch (Math.floorMod(style, 7)) {
            case 0 -> "0" + area + " " + spaced;
            case 1 -> "(0" + area + ") " + spaced;
            case 2 -> "0" + d;
            case 3 -> "+44 " + area + " " + spaced;
            case 4 -> "0044 " + area + " " + local;
            case 5 -> "0" + area + "-" + spaced.replace(' ', '-');
            default -> "+44 (0)" + area + " " + spaced;
        };
    }

    private static int[] mobileBlocks() {
        int[] blocks = new int[6000];
        int n = 0;
        for (int prefix = 74000; prefix <= 79999; prefix++) {
            long base = prefix * (long) BLOCK;
            if (isValid(base, PhoneNumberType.MOBILE) && isValid(base + 12_345, PhoneNumberType.MOBILE)
                    && isValid(base + 56_789, PhoneNumberType.MOBILE) && isValid(base + BLOCK - 1, PhoneNumberType.MOBILE)) {
                blocks[n++] = prefix;
            }
        }
        return java.util.Arrays.copyOf(blocks, n);
    }
}
