package com.leadloader.spec;

import java.util.Collection;
import java.util.Locale;

/**
 * Finds the name a user probably meant, for "did you mean" hints in spec errors: unknown spec keys,
 * source columns and campaign fields. Edit distance is computed here because commons-text is not on
 * the classpath and the names are short.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** The closest candidate within a third of the name's length (at least 2 edits), or null. */
    public static String closest(String name, Collection<String> candidates) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, wanted.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** " (did you mean 'X'?)" or the empty string. */
    public static String hint(String name, Collection<String> candidates) {
        String best = closest(name, candidates);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
