package dev.gantry.run;

import dev.gantry.report.StepPoint;
import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.ProgressSink;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Shows a job's progress as it trains: on a terminal one bar redrawn in place (epoch, step, loss,
 * samples/s, ETA); elsewhere (a log file, CI) a plain line every few percent, so logs stay short
 * and greppable. Every step is also kept for the report's plots.
 */
final class ProgressDisplay implements ProgressSink {
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long PLAIN_NANOS = 10_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final int epochs;
    private final LongSupplier clock;
    private final List<StepPoint> steps = new ArrayList<>();
    private long totalSteps = -1;
    private long firstStep = -1;
    private long firstNanos;
    private boolean drawn;
    private long lastDrawn;
    private long lastPlainStep = -1;
    private boolean barShown;

    ProgressDisplay(PrintWriter out, boolean terminal, int epochs, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.epochs = epochs;
        this.clock = clock;
    }

    @Override
    public synchronized void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
        long now = clock.getAsLong();
        this.totalSteps = totalSteps;
        if (firstStep < 0) {
            firstStep = step - 1;
            firstNanos = now;
        }
        // A retried stage resumes from a checkpoint and replays steps the failed attempt had shown:
        // the replayed steps replace those, so that the report has each step once.
        while (!steps.isEmpty() && steps.get(steps.size() - 1).step() >= step) {
            steps.remove(steps.size() - 1);
        }
        steps.add(new StepPoint(step, epoch + 1, loss, samplesPerSecond));
        String line = line(epoch + 1, step, totalSteps, loss, samplesPerSecond, now);
        if (terminal) {
            if (!drawn || now - lastDrawn >= REDRAW_NANOS || step == totalSteps) {
                out.print("\r\033[2K" + line);
                out.flush();
                lastDrawn = now;
                drawn = true;
                barShown = true;
            }
        } else {
            long every = Math.max(1, totalSteps / 20);
            if (step == totalSteps || step - lastPlainStep >= every || (drawn && now - lastDrawn >= PLAIN_NANOS)) {
                out.println(line);
                out.flush();
                lastPlainStep = step;
                lastDrawn = now;
                drawn = true;
            }
        }
    }

    @Override
    public synchronized void epoch(EpochMetrics m) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d done: loss %.4f", m.epoch(), epochs,
                m.loss()));
        if (!Double.isNaN(m.accuracy())) {
            text.append(String.format(Locale.ROOT, ", validation accuracy %.2f%%, validation loss %.4f",
                    100 * m.accuracy(), m.validationLoss()));
        }
        text.append(String.format(Locale.ROOT, ", %s samples/s, %.1f s", Formats.rate(m.samplesPerSecond()), m.seconds()));
        println(text.toString());
    }

    @Override
    public synchronized void note(String line) {
        println(line);
    }

    /** Ends the bar's line, so that what is printed next starts on its own. */
    synchronized void finish() {
        if (barShown) {
            out.println();
            out.flush();
            barShown = false;
        }
    }

    /** The job's steps, once a step has told them. */
    synchronized OptionalLong totalSteps() {
        return totalSteps < 0 ? OptionalLong.empty() : OptionalLong.of(totalSteps);
    }

    synchronized List<StepPoint> steps() {
        return List.copyOf(steps);
    }

    private void println(String text) {
        if (barShown) {
            out.print("\r\033[2K");
            barShown = false;
            drawn = false;
        }
        out.println(text);
        out.flush();
    }

    private String line(int epoch, long step, long total, double loss, double samplesPerSecond, long now) {
        String eta = "";
        long done = step - firstStep;
        double seconds = (now - firstNanos) / 1e9;
        if (done > 1 && seconds > 0 && step < total) {
            eta = "  ETA " + Formats.duration((total - step) * seconds / (done - 1));
        }
        String progress = terminal ? " " + bar(step, total) : "";
        return String.format(Locale.ROOT, "epoch %d/%d%s step %d/%d  loss %.4f  %s samples/s%s", epoch, epochs,
                progress, step, total, loss, Formats.rate(samplesPerSecond), eta);
    }

    private static String bar(long step, long total) {
        int filled = total <= 0 ? BAR : (int) Math.min(BAR, BAR * step / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }
}
