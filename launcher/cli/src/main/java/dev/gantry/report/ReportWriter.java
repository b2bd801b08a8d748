package dev.gantry.report;

import dev.gantry.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a run's {@code report.html}: one self-contained page (styles, chart data, the uPlot
 * chart library and the script that draws with it all inline; no fonts, scripts or images from
 * anywhere else, since training machines are often offline) with the run's facts, loss, accuracy
 * and throughput charts, and where each worker ran.
 */
public final class ReportWriter {
    private ReportWriter() {}

    /**
     * Writes the report to {@code file}, atomically: a reader (or a crash) sees the old file or
     * the whole new one, never half a page.
     */
    public static void write(RunReport report, Path file) throws IOException {
        AtomicFiles.writeString(file, html(report));
    }

    /** The report as HTML text. */
    public static String html(RunReport report) {
        return ReportPage.html(report);
    }
}
