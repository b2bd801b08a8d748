package dev.gantry.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The report's charts as JSON, safe to put inside {@code <script type="application/json">}. */
final class ChartJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Below 2^53 every whole number is exact in a double, so it may be written as one. */
    private static final double EXACT_WHOLE = 0x1p53;

    private ChartJson() {}

    static String of(List<Chart> charts) {
        try {
            // '<' and '>' can only occur inside JSON strings, where \u003c and \u003e mean the
            // same to JSON.parse: so no label can close the block ("</script>") or open an HTML
            // comment ("<!--") that would change how the browser finds the block's end.
            return JSON.writeValueAsString(charts).replace("<", "\\u003c").replace(">", "\\u003e");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("charts could not be written as JSON", e);
        }
    }

    /**
     * A finite value as it is written: steps as 5000 rather than 5000.0 (a long run's data is
     * mostly steps, so this keeps the page small), fractions exactly as Java prints the double.
     */
    static Number number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        boolean negativeZero = v == 0 && 1 / v < 0;
        if (v == Math.rint(v) && Math.abs(v) < EXACT_WHOLE && !negativeZero) {
            return (long) v;
        }
        return v;
    }
}
