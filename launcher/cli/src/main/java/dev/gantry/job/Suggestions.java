package dev.gantry.job;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The known name a mistyped one most likely meant, by edit distance, ignoring case. */
final class Suggestions {
    private Suggestions() {}

    /**
     * The closest of {@code known} to {@code typed}: within one edit for names of up to three
     * letters (where two reach almost anything), two up to six letters, three beyond ("trainer"
     * for "training"); or a name that starts with what was typed ("gpus" for "gpusPerWorker").
     * Ties go to the earlier name.
     */
    static Optional<String> closest(String typed, Collection<String> known) {
        String t = typed.toLowerCase(Locale.ROOT);
        int allowed = t.length() <= 3 ? 1 : t.length() <= 6 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            String n = name.toLowerCase(Locale.ROOT);
            int distance = distance(t, n);
            boolean prefix = t.length() >= 3 && (n.startsWith(t) || t.startsWith(n));
            if ((distance <= allowed || prefix) && distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance: insertions, deletions and substitutions, one each. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
