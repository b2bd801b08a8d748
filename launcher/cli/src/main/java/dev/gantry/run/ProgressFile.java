package dev.gantry.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.gantry.training.checkpoint.IoFailures;
import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.ProgressSink;
import dev.gantry.training.worker.StepLosses;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A run's progress as it happens, one JSON object a line in {@code <output>/progress.jsonl}, for
 * whoever watches the job from outside its driver ({@code gantry serve}'s API and web UI read the
 * file from the output directory, as they read checkpoints). Each line is written whole and
 * flushed at once, so a reader sees only complete lines plus at most one being written. A resumed
 * run appends to the same file behind a start line of its own.
 *
 * <p>Every step's loss comes in {@code steps} lines (batches as the driver gets them); the display's
 * {@code step} lines, which add the epoch, total and an ETA, are thinned to two a second. Progress is
 * a by-product: the first I/O failure is told once to {@code warn} and ends writing, never training.
 * Told from several progress connections at once (a retried attempt's worker 0 beside the last
 * one's), so its methods take turns.
 */
final class ProgressFile implements ProgressSink, AutoCloseable {
    static final String NAME = "progress.jsonl";
    /** The display's steps at most this often; every step's loss is in the steps lines anyway. */
    private static final long STEP_NANOS = 500_000_000L;
    /** A note is the driver's own line; bounded so that a line stays far below what readers take. */
    private static final int MAX_NOTE = 4096;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    record Start(String type, String at, String job, String framework, int workers, int epochs, Long totalSteps,
            long resumedFromStep) {}

    /** One executor as the placement shows it; {@code worker} is its place in the placement's order. */
    record Executor(int worker, String executorId, String agentId, String host, double cpus, double memMb,
            List<Integer> gpus) {}

    record Placement(String type, String policy, List<Executor> executors) {}

    /** A loss that is not a number (a diverging run) is null: JSON has no NaN. */
    record Steps(String type, long firstStep, List<Float> loss, Double samplesPerSecond) {}

    record Step(String type, int epoch, long step, long totalSteps, Double loss, Double samplesPerSecond,
            Double etaSeconds) {}

    record Epoch(String type, int epoch, long step, Double loss, Double validationAccuracy, Double validationLoss,
            Double samplesPerSecond, Double seconds) {}

    record Note(String type, String line) {}

    /** Each worker's own rate, by rank, where the run measured them. */
    record WorkerRate(int rank, double samplesPerSecond) {}

    record End(String type, String at, String outcome, long steps, List<WorkerRate> workers) {}

    /** How a run ended, as the end line says it. */
    enum Outcome {
        FINISHED, FAILED, STOPPED;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Path file;
    private final Consumer<String> warn;
    private final Clock clock;
    private final LongSupplier nanos;
    private OutputStream out;
    private boolean stopped;
    private long lastStepNanos;
    private boolean stepWritten;
    private long firstStep = -1;
    private long firstStepNanos;
    private long lastStep;

    /**
     * @param outputDirectory the job's output directory, where the file goes
     * @param warn            takes the one line that says why progress stopped being written
     */
    ProgressFile(Path outputDirectory, Consumer<String> warn, Clock clock, LongSupplier nanos) {
        this.file = outputDirectory.resolve(NAME);
        this.warn = warn;
        this.clock = clock;
        this.nanos = nanos;
    }

    static ProgressFile in(Path outputDirectory, Consumer<String> warn) {
        return new ProgressFile(outputDirectory, warn, Clock.systemUTC(), System::nanoTime);
    }

    Path file() {
        return file;
    }

    synchronized void start(String job, String framework, int workers, int epochs, long resumedFromStep) {
        write(new Start("start", clock.instant().toString(), job, framework, workers, epochs, null, resumedFromStep));
    }

    synchronized void placement(String policy, List<Executor> executors) {
        write(new Placement("placement", policy, List.copyOf(executors)));
    }

    /** The run got to {@code step}, told or not (a run that had finished before trains no step). */
    synchronized void reached(long step) {
        lastStep = Math.max(lastStep, step);
    }

    /** The last line of a run: how it ended and the last step it took. */
    synchronized void end(Outcome outcome, List<WorkerRate> workers) {
        write(new End("end", clock.instant().toString(), outcome.text(), lastStep, workers.isEmpty() ? null
                : List.copyOf(workers)));
    }

    @Override
    public synchronized void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
        long now = nanos.getAsLong();
        lastStep = Math.max(lastStep, step);
        if (firstStep < 0) {
            // The ETA's rate counts from the first step this run took, past any it resumed from.
            firstStep = step;
            firstStepNanos = now;
        }
        if (stepWritten && now - lastStepNanos < STEP_NANOS && step != totalSteps) {
            return;
        }
        Double eta = null;
        if (step > firstStep && totalSteps >= step) {
            double nanosPerStep = (double) (now - firstStepNanos) / (step - firstStep);
            eta = (totalSteps - step) * nanosPerStep / 1e9;
        }
        write(new Step("step", epoch + 1, step, totalSteps, finite(loss), finite(samplesPerSecond), eta));
        stepWritten = true;
        lastStepNanos = now;
    }

    @Override
    public synchronized void losses(StepLosses batch) {
        float[] losses = batch.losses();
        if (losses.length == 0) {
            return;
        }
        List<Float> values = new ArrayList<>(losses.length);
        for (float loss : losses) {
            values.add(Float.isFinite(loss) ? loss : null);
        }
        lastStep = Math.max(lastStep, batch.lastStep());
        write(new Steps("steps", batch.firstStep(), values, finite(batch.samplesPerSecond())));
    }

    @Override
    public synchronized void epoch(EpochMetrics m) {
        write(new Epoch("epoch", m.epoch(), m.step(), finite(m.loss()), finite(m.accuracy()),
                finite(m.validationLoss()), finite(m.samplesPerSecond()), finite(m.seconds())));
    }

    @Override
    public synchronized void note(String line) {
        write(new Note("note", line.length() > MAX_NOTE ? line.substring(0, MAX_NOTE) + "..." : line));
    }

    @Override
    public synchronized void close() {
        stopped = true;
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // every line was flushed when written; a failure there was told
            }
            out = null;
        }
    }

    private void write(Object event) {
        if (stopped) {
            return;
        }
        try {
            if (out == null) {
                out = open();
            }
            byte[] line = JSON.writeValueAsBytes(event);
            byte[] whole = new byte[line.length + 1];
            System.arraycopy(line, 0, whole, 0, line.length);
            whole[line.length] = '\n';
            // One write per line: a reader never sees two lines interleaved, only the last one unfinished.
            out.write(whole);
            out.flush();
        } catch (IOException | RuntimeException e) {
            stopped = true;
            warn.accept("gantry: progress stops being written here: cannot write to " + file + ": "
                    + IoFailures.describe(e) + "; training goes on");
            close();
        }
    }

    /**
     * Opens the file to append; an earlier run killed in the middle of a line left it without its
     * newline, so one is added first: that fragment stays a line of its own, which readers skip.
     */
    private OutputStream open() throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.exists(file) && Files.size(file) > 0) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, channel.size() - 1);
                if (last.get(0) != '\n') {
                    Files.write(file, new byte[] {'\n'}, StandardOpenOption.APPEND);
                }
            }
        }
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
