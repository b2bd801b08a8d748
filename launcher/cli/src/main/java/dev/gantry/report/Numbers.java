package dev.gantry.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers as people read them in the report. Locale.ROOT throughout: a report written on a
 * German desktop must not put commas into SVG coordinates or show "0,25" beside "0.25".
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

    /** An SVG coordinate: short, and never in exponent form, which some renderers reject. */
    static String coord(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /**
     * A tick label: as many decimals as the tick spacing needs, so that 0.1, 0.2, 0.3 do not
     * come out as 0.1, 0.2, 0.30000000000000004, and big steps as 250k rather than 250000.
     */
    static String tick(double v, double spacing) {
        if (v == 0 || Math.abs(v) < spacing * 1e-9) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e15 || a < 1e-4) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        for (Suffix s : Suffix.values()) {
            if (a >= s.from) {
                // Only when the ticks need at most two decimals in that unit: 1.25M, but 1000100
                // rather than 1.0001M or 1000.1k.
                return spacing >= s.scale / 100 ? plain(v / s.scale, spacing / s.scale) + s.symbol
                        : plain(v, spacing);
            }
        }
        return plain(v, spacing);
    }

    private static String plain(double v, double spacing) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(spacing) + 1e-9));
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private enum Suffix {
        G(1e9, "G", 1e9), M(1e6, "M", 1e6), K(1e3, "k", 1e4); // step counts up to 9999 read best plain

        final double scale;
        final String symbol;
        final double from;

        Suffix(double scale, String symbol, double from) {
            this.scale = scale;
            this.symbol = symbol;
            this.from = from;
        }
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
