package io.regretless.topology.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name nearest to a mistyped one, as compilers and shells suggest it: nearest by the
 * optimal string alignment distance (Levenshtein's insertions, deletions and substitutions plus
 * transpositions of adjacent characters, so {@code exploartion} is one edit from {@code exploration}),
 * ignoring case. A name is only suggested when it is close enough to be the intended one.
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** The known name nearest to {@code typo}, if one is within {@link #tolerance} edits; ties go to the first. */
    public static Optional<String> nearest(String typo, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int d = distance(typo, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= tolerance(typo) ? Optional.of(best) : Optional.empty();
    }

    /**
     * How many edits still read as a typo: two for short names, one more per eight characters beyond,
     * so a long setting name may carry a couple of slips while a short value cannot become another word.
     */
    static int tolerance(String typo) {
        return Math.max(2, typo.length() / 8);
    }

    /** The optimal string alignment distance between {@code a} and {@code b}, ignoring case. */
    public static int distance(String a, String b) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[s.length() + 1][t.length() + 1];
        for (int i = 0; i <= s.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= t.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && s.charAt(i - 1) == t.charAt(j - 2) && s.charAt(i - 2) == t.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[s.length()][t.length()];
    }
}
