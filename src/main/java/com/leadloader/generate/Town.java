package com.leadloader.generate;

import java.util.List;

/**
 * A UK town with its postcode area and dialling code, so that a generated address and landline
 * agree with each other.
 *
 * @param name          the post town
 * @param postcodeArea  letters of the postcode area ({@code LS})
 * @param firstDistrict lowest district number used
 * @param lastDistrict  highest district number used
 * @param areaCode      the dialling code without its trunk 0 ({@code 113})
 * @param localLength   digits of a local number after the area code
 */
record Town(String name, String postcodeArea, int firstDistrict, int lastDistrict, String areaCode, int localLength) {

    static final List<Town> ALL = List.of(
            new Town("Leeds", "LS", 1, 28, "113", 7),
            new Town("Sheffield", "S", 1, 36, "114", 7),
            new Town("Nottingham", "NG", 1, 16, "115", 7),
            new Town("Leicester", "LE", 1, 9, "116", 7),
            new Town("Bristol", "BS", 1, 16, "117", 7),
            new Town("Reading", "RG", 1, 31, "118", 7),
            new Town("Birmingham", "B", 1, 48, "121", 7),
            new Town("Edinburgh", "EH", 1, 17, "131", 7),
            new Town("Glasgow", "G", 1, 53, "141", 7),
            new Town("Liverpool", "L", 1, 38, "151", 7),
            new Town("Manchester", "M", 1, 40, "161", 7),
            new Town("Newcastle upon Tyne", "NE", 1, 15, "191", 7),
            new Town("London", "SW", 1, 20, "20", 8),
            new Town("London", "N", 1, 22, "20", 8),
            new Town("London", "SE", 1, 28, "20", 8),
            new Town("Cardiff", "CF", 3, 24, "29", 8),
            new Town("Belfast", "BT", 1, 17, "28", 8),
            new Town("Southampton", "SO", 14, 19, "23", 8),
            new Town("Coventry", "CV", 1, 6, "24", 8),
            new Town("Cambridge", "CB", 1, 5, "1223", 6),
            new Town("Oxford", "OX", 1, 4, "1865", 6),
            new Town("York", "YO", 1, 32, "1904", 6),
            new Town("Bath", "BA", 1, 2, "1225", 6),
            new Town("Norwich", "NR", 1, 14, "1603", 6),
            new Town("Exeter", "EX", 1, 6, "1392", 6),
            new Town("Brighton", "BN", 1, 3, "1273", 6),
            new Town("Aberdeen", "AB", 10, 25, "1224", 6));
}
