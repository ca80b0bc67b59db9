package com.leadloader.generate;

/**
 * One synthetic person, as a clean record before the row writes it untidily.
 *
 * @param mobile   national significant number of their mobile ({@code 7911123456})
 * @param landline national significant number of their home phone, or 0 when they gave none
 */
record Person(String title, String firstName, String lastName, String address1, String address2, Town town,
              String postcode, String email, long mobile, long landline, String company) {
}
