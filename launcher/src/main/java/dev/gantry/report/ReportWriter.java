package dev.gantry.report;

import dev.gantry.training.checkpoint.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

// Placeholder until the report branch lands: the job name and step count only.
public final class ReportWriter {
    private ReportWriter() {}

    public static void write(RunReport report, Path file) throws IOException {
        AtomicFiles.writeString(file, "<!doctype html><title>" + report.job() + "</title><p>" + report.steps().size());
    }
}
