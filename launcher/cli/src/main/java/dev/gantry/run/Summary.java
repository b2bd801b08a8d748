package dev.gantry.run;

import dev.gantry.report.WorkerPlacement;
import dev.gantry.training.spark.TrainingRun;
import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.WorkerStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The table printed when a job ends: each epoch, each worker, and where the results are. */
final class Summary {
    private Summary() {}

    static void print(PrintWriter out, String job, TrainingRun run, List<WorkerPlacement> workers, Duration elapsed,
                      Path report) {
        out.println();
        out.println("job " + job + " finished: " + run.steps() + " steps in " + Formats.duration(elapsed.toMillis() / 1e3)
                + (run.resumedFromStep() > 0 ? " (resumed from step " + run.resumedFromStep() + ")" : ""));
        out.println(String.format(Locale.ROOT, "  %5s  %9s  %9s  %9s  %10s  %8s", "epoch", "loss", "val loss",
                "accuracy", "samples/s", "seconds"));
        for (EpochMetrics m : run.epochs()) {
            out.println(String.format(Locale.ROOT, "  %5d  %9.4f  %9s  %9s  %10s  %8.1f", m.epoch(), m.loss(),
                    Double.isNaN(m.validationLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", m.validationLoss()),
                    Double.isNaN(m.accuracy()) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * m.accuracy()),
                    Formats.rate(m.samplesPerSecond()), m.seconds()));
        }
        if (!run.workerStats().isEmpty()) {
            out.println(String.format(Locale.ROOT, "  %6s  %-24s  %-6s  %10s  %8s", "worker", "agent", "GPUs",
                    "samples/s", "compute"));
            for (WorkerStats stats : run.workerStats()) {
                WorkerPlacement place = workers.stream().filter(w -> w.rank() == stats.rank()).findFirst().orElse(null);
                String agent = place == null || place.agentId() == null ? String.valueOf(stats.host())
                        : Formats.agent(place.agentId());
                out.println(String.format(Locale.ROOT, "  %6d  %-24s  %-6s  %10s  %7.0f%%", stats.rank(), agent,
                        stats.gpus().isEmpty() ? "-" : String.join(",", stats.gpus()),
                        Formats.rate(stats.samplesPerSecond()), 100 * stats.computeFraction()));
            }
        }
        out.println("model:   " + run.exported());
        out.println("metrics: " + run.metrics());
        out.println("report:  " + report);
        out.flush();
    }
}
