package dev.gantry.gpu.bench;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** The terminal's view of a device's results: one line per measurement, rate against peak. */
public final class BenchTable {
    private static final String ROW = "  %-30s %15s %15s %8s %15s %7s%n";

    private BenchTable() {}

    public static String format(DeviceResult device) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "GPU %d: %s, compute %s, %d SMs, %.1f GiB, %s, %s%n", device.ordinal(),
                device.name(), device.computeCapability(), device.multiprocessors(),
                device.memoryBytes() / (double) (1L << 30), device.pciBusId(), device.uuid()));
        out.append(String.format(Locale.ROOT, ROW, "measurement", "best", "peak", "of peak", "median", "batches"));
        Set<String> bases = new LinkedHashSet<>();
        for (Measurement m : device.measurements()) {
            out.append(String.format(Locale.ROOT, ROW, m.name(), rate(m.best(), m.unit()),
                    m.peak() == null ? "-" : rate(m.peak(), m.unit()),
                    m.ofPeak() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * m.ofPeak()),
                    rate(m.median(), m.unit()), m.samples()));
            if (m.peakBasis() != null) {
                bases.add(m.peakBasis());
            }
        }
        if (!bases.isEmpty()) {
            out.append("  peaks: ").append(String.join("; ", bases)).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** Bytes per second in GB/s (10^9, as bandwidth is quoted), operations in TFLOP/s. */
    static String rate(double perSecond, String unit) {
        if (unit.equals("flop")) {
            return String.format(Locale.ROOT, "%.2f TFLOP/s", perSecond / 1e12);
        }
        return String.format(Locale.ROOT, "%.1f GB/s", perSecond / 1e9);
    }
}
