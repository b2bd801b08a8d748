package dev.gantry.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers as people read them in the report. Locale.ROOT throughout: a report written on a
 * German desktop must not show "0,25" beside "0.25".
 */
final class Numbers {
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Numbers() {}

    /** A value in a table: a few significant digits, "n/a" when not finite. */
    static String value(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e15) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        if (a >= 1e-3) {
            return String.format(Locale.ROOT, "%.4f", v);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** An accuracy in [0, 1] as a percentage to two places: 99.70% and 100% must not look alike. */
    static String accuracy(double fraction) {
        double percent = fraction * 100;
        return Double.isFinite(percent) ? String.format(Locale.ROOT, "%.2f%%", percent) : "n/a";
    }

    /** A fraction in [0, 1] as a percentage, "n/a" when unknown. */
    static String percent(double fraction) {
        double percent = fraction * 100; // may overflow to infinity where the fraction did not
        return Double.isFinite(percent) ? String.format(Locale.ROOT, "%.0f%%", percent) : "n/a";
    }

    static String instant(Instant instant) {
        return instant == null ? "unknown" : UTC.format(instant);
    }

    /** "2h 03m 04s", "3m 04s", "4.2s". */
    static String duration(Duration d) {
        if (d == null) {
            return "unknown";
        }
        if (d.isNegative()) {
            return "n/a";
        }
        long seconds = d.getSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%dh %02dm %02ds", h, m, s)
                : String.format(Locale.ROOT, "%dm %02ds", m, s);
    }
}
