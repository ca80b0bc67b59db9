package com.leadloader.generate;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes the k-th person of a seed: the same seed and k always give the same person, so a duplicate
 * row can recreate an earlier one instead of keeping every person in memory. Emails use the
 * reserved {@code example.*} domains, so no generated address reaches anyone.
 */
final class People {

    private static final List<String> FEMALE = List.of("Sarah", "Emma", "Priya", "Chloe", "Olivia", "Amelia", "Sophie",
            "Grace", "Hannah", "Aisha", "Fatima", "Zara", "Lucy", "Megan", "Rachel", "Claire", "Joanne", "Siobhan",
            "Niamh", "Eilidh", "Bethan", "Mei", "Anya", "Helen", "Karen", "Margaret", "Jessica", "Ellie", "Ruth", "Yasmin");
    private static final List<String> MALE = List.of("James", "Oliver", "Harry", "George", "Mohammed", "Jack", "Thomas",
            "William", "Daniel", "Ahmed", "Rajesh", "Liam", "Callum", "Owen", "Rhys", "Connor", "David", "Michael",
            "Paul", "Gareth", "Kwame", "Tomasz", "Stuart", "Ian", "Andrew", "Samuel", "Joseph", "Adam", "Lewis", "Ewan");
    private static final List<String> SURNAMES = List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
            "Johnson", "Davies", "Patel", "Khan", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
            "Green", "Hall", "Wood", "Jackson", "Clarke", "O'Brien", "McDonald", "MacLeod", "Hughes", "Edwards",
            "Singh", "Ahmed", "Begum", "Nguyen", "Kowalski", "Okafor", "Murphy", "Kelly", "Campbell", "Stewart",
            "Lloyd", "Price", "Morgan", "Fitzgerald", "Ali", "Hussain", "Chen", "Lee", "Martin", "Cooper", "Ward",
            "Turner", "Baker", "Harris", "Young", "King", "Scott", "Mitchell", "Bennett", "Shaw", "Holmes", "Ellis",
            "Ffrench", "Ap Rhys", "De Souza", "Van der Merwe", "St John", "Armstrong-Jones", "Bowes-Lyon");
    private static final List<String> STREETS = List.of("Acacia Avenue", "High Street", "Station Road", "Church Lane",
            "Mill Lane", "Queen Street", "Victoria Road", "Park Road", "The Green", "Kings Road", "Manor Way",
            "Albert Terrace", "York Road", "Chapel Street", "Orchard Close", "Meadow View", "Springfield Drive",
            "Castle Hill", "Bridge Street", "Windsor Crescent", "Elm Grove", "St Mary's Walk", "Highfield Court");
    private static final List<String> DOMAINS = List.of("example.com", "example.co.uk", "example.org", "example.net");
    private static final List<String> TRADES = List.of("Plumbing", "Builders", "Motors", "Pharmacy", "Bakery",
            "Electrical", "Consulting", "Lettings", "Landscapes", "Cleaning Services");
    private static final String POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"; // inward codes never use C I K M O V

    private final long seed;
    private final UkNumbers numbers;

    People(long seed, UkNumbers numbers) {
        this.seed = seed;
        this.numbers = numbers;
    }

    /** The k-th person: their own mobile (number k of the seed's sequence), name, address, maybe a landline. */
    Person person(long k) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + k);
        boolean female = r.nextBoolean();
        String first = pick(r, female ? FEMALE : MALE);
        String last = pick(r, SURNAMES);
        String title = switch (r.nextInt(10)) {
            case 0, 1, 2 -> female ? "Mrs" : "Mr";
            case 3, 4 -> female ? "Ms" : "Mr";
            case 5 -> female ? "Miss" : "Mr";
            case 6 -> "Dr";
            default -> "";
        };
        Town town = pick(r, Town.ALL);
        String street = (1 + r.nextInt(240)) + " " + pick(r, STREETS);
        String address1;
        String address2;
        switch (r.nextInt(6)) {
            case 0 -> { // a flat: the flat first, the street after
                address1 = "Flat " + (1 + r.nextInt(30));
                address2 = street;
            }
            case 1 -> { // all on one line, with a comma the CSV must quote
                address1 = "Flat " + (1 + r.nextInt(12)) + ", " + street;
                address2 = "";
            }
            default -> {
                address1 = street;
                address2 = "";
            }
        }
        String postcode = town.postcodeArea() + (town.firstDistrict() + r.nextInt(town.lastDistrict() - town.firstDistrict() + 1))
                + " " + r.nextInt(10) + POSTCODE_LETTERS.charAt(r.nextInt(POSTCODE_LETTERS.length()))
                + POSTCODE_LETTERS.charAt(r.nextInt(POSTCODE_LETTERS.length()));
        String local = switch (r.nextInt(4)) {
            case 0 -> first + "." + last;
            case 1 -> first.charAt(0) + last;
            case 2 -> first + last + (r.nextInt(90) + 10);
            default -> first + "_" + last.charAt(0) + (1950 + r.nextInt(56));
        };
        String email = emailSafe(local) + "@" + pick(r, DOMAINS);
        long landline = r.nextInt(10) < 4 ? UkNumbers.landline(town, r) : 0;
        String company = r.nextInt(10) < 3 ? last + " " + pick(r, TRADES) + (r.nextBoolean() ? " Ltd" : "") : "";
        return new Person(title, first, last, address1, address2, town, postcode, email, numbers.mobile(k), landline,
                company);
    }

    /** A last name longer than the campaign's 50-character LastName field: several double-barrels joined. */
    static String overLongLastName(SplittableRandom r) {
        StringBuilder name = new StringBuilder(pick(r, SURNAMES));
        while (name.length() <= 50) {
            name.append('-').append(pick(r, SURNAMES));
        }
        return name.toString();
    }

    /** Lower case, and only the letters, digits, dots and underscores of a name ({@code O'Brien} to {@code obrien}). */
    private static String emailSafe(String local) {
        StringBuilder b = new StringBuilder(local.length());
        for (int i = 0; i < local.length(); i++) {
            char c = Character.toLowerCase(local.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_') {
                b.append(c);
            }
        }
        return b.toString();
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
