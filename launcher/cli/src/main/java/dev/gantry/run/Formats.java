package dev.gantry.run;

import java.util.Locale;

/** Numbers and durations as the run's output writes them for people. */
final class Formats {
    private Formats() {}

    /** "1,234" for rates of hundreds and more, "12.3" below. */
    static String rate(double perSecond) {
        if (Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
            return "-";
        }
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,d", Math.round(perSecond))
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** A resource amount: "4" for whole numbers, "0.5" otherwise. */
    static String number(double amount) {
        return amount == Math.rint(amount) ? String.valueOf((long) amount) : String.valueOf(amount);
    }

    /** "0:42", "12:05", "1:02:03". */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /**
     * An agent id short enough for a table: Mesos ids are the master's UUID plus {@code -S<n>},
     * so the UUID's first block and the suffix tell agents apart.
     */
    static String agent(String id) {
        int suffix = id.lastIndexOf('-');
        return id.length() <= 20 || suffix < 8 ? id : id.substring(0, 8) + ".." + id.substring(suffix);
    }
}
