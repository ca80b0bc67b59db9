package com.leadloader.hostile;

import com.leadloader.ledger.LeadState;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic lead file for the chaos suite, and what should become of each row: mostly
 * valid distinct mobiles, with duplicates (the same mobile written another way), bad rows
 * (invalid or missing phone, ragged row, over-long name) and numbers on a suppression list.
 *
 * @param csv         the lead file: a header on line 1, row {@code i} on line {@code i + 2}
 * @param suppression the suppression list, one number a line
 * @param created     source line to the mobile (national format) each loadable lead must be created with
 * @param rejected    source line to the state each other lead must end in
 */
record ChaosLeads(Path csv, Path suppression, Map<Long, String> created, Map<Long, LeadState> rejected) {

    static ChaosLeads write(Path dir, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        Map<Long, String> created = new LinkedHashMap<>();
        Map<Long, LeadState> rejected = new LinkedHashMap<>();
        List<String> unique = new ArrayList<>();
        List<String> suppressed = new ArrayList<>();
        Path csv = dir.resolve("chaos-leads.csv");
        int nextNumber = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("id,first_name,last_name,mobile,postcode\n");
            for (int i = 0; i < rows; i++) {
                long line = i + 2L;
                double r = random.nextDouble();
                String first = "Name" + i;
                if (r < 0.05 && !unique.isEmpty()) {
                    // The same person again, the number written the international way.
                    String original = unique.get(random.nextInt(unique.size()));
                    out.write(i + "," + first + ",Dupe,+44 " + original.substring(1, 5) + " " + original.substring(5)
                            + ",SW1A 1AA\n");
                    rejected.put(line, LeadState.DUPLICATE);
                } else if (r < 0.09) {
                    switch (random.nextInt(4)) {
                        case 0 -> out.write(i + "," + first + ",Bad,12345,SW1A 1AA\n");
                        case 1 -> out.write(i + "," + first + ",Bad,,SW1A 1AA\n");
                        case 2 -> out.write(i + "," + first + ",Ragged\n");
                        default -> out.write(i + "," + "X".repeat(60) + ",Long," + mobile(nextNumber++) + ",SW1A 1AA\n");
                    }
                    rejected.put(line, LeadState.BAD);
                } else if (r < 0.12) {
                    String mobile = mobile(nextNumber++);
                    suppressed.add(mobile);
                    out.write(i + "," + first + ",Optout," + mobile.substring(0, 5) + " " + mobile.substring(5)
                            + ",SW1A 1AA\n");
                    rejected.put(line, LeadState.SUPPRESSED);
                } else {
                    String mobile = mobile(nextNumber++);
                    unique.add(mobile);
                    out.write(i + "," + first + ",Surname" + i + "," + mobile.substring(0, 5) + " " + mobile.substring(5)
                            + ",SW1A 1AA\n");
                    created.put(line, mobile);
                }
            }
        }
        Path suppression = Files.write(dir.resolve("chaos-optouts.txt"), suppressed);
        return new ChaosLeads(csv, suppression, created, rejected);
    }

    /** The {@code n}th distinct mobile, national format: 07400 000000 upwards. */
    private static String mobile(int n) {
        return String.format("07400%06d", n);
    }

    int rows() {
        return created.size() + rejected.size();
    }
}
