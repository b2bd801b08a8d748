package dev.gantry.training.spark;

import dev.gantry.training.TrainConfig;
import dev.gantry.training.TrainingJob;
import dev.gantry.training.backend.Backends;
import dev.gantry.training.backend.Score;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.checkpoint.Checkpoint;
import dev.gantry.training.checkpoint.CheckpointState;
import dev.gantry.training.checkpoint.CheckpointStore;
import dev.gantry.training.checkpoint.DamagedCheckpointException;
import dev.gantry.training.checkpoint.IoFailures;
import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.Evaluation;
import dev.gantry.training.worker.LossLog;
import dev.gantry.training.worker.ProgressSink;
import dev.gantry.training.worker.Schedule;
import dev.gantry.training.worker.Shard;
import dev.gantry.training.worker.StepLosses;
import dev.gantry.training.worker.TrainingHistory;
import dev.gantry.training.worker.WorkerResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Parameter averaging through Spark, for networks too slow for a per-step all-reduce: each round
 * every worker starts from the driver's parameters, takes {@code averagingSteps} local steps on
 * its shard as an ordinary (non-barrier) task, and the driver averages what comes back. Tasks can
 * run one after another, so this mode also works with fewer executors than workers. Optimizer
 * state (momentum, Adam moments) lives only within a round; the driver keeps the model, writes
 * the checkpoints and resumes from them.
 *
 * <p>Asked to stop, the driver stops after the round under way, where all workers' parameters
 * have just been averaged into one model: it writes the checkpoint of that step, unless one was
 * just due there, and ends with {@link StoppedOnRequestException}.
 */
final class AveragingRounds {
    private final JavaSparkContext jsc;
    private final TrainingJob job;
    private final JavaPairRDD<Integer, Tuple2<Long, Example>> shards;
    private final Broadcast<Shard> validation;
    private final ProgressSink progress;
    private final BooleanSupplier stopRequested;

    AveragingRounds(JavaSparkContext jsc, TrainingJob job, JavaPairRDD<Integer, Tuple2<Long, Example>> shards,
                    Broadcast<Shard> validation, ProgressSink progress, BooleanSupplier stopRequested) {
        this.jsc = jsc;
        this.job = job;
        this.shards = shards;
        this.validation = validation;
        this.progress = progress;
        this.stopRequested = stopRequested;
    }

    List<WorkerResult> run() {
        TrainConfig config = job.config();
        shards.persist(StorageLevel.MEMORY_AND_DISK());
        try (WorkerModel driver = Backends.find(job.framework()).create(job.model(), config.settings(), config.seed(), List.of())) {
            Schedule schedule = new Schedule(config, shardSizes(config.workers()));
            CheckpointStore store = job.checkpoints();
            Checkpoint resumed = resume(driver, store);
            long start = resumed == null ? 0 : resumed.state().step();
            TrainingHistory history = resumed == null ? TrainingHistory.NONE : TrainingHistory.fromJson(resumed.history())
                    .reopenedFor(schedule.stepsPerEpoch());
            long step = start;
            long lastCheckpoint = start;
            List<EpochMetrics> epochs = history.epochsCopy();
            float[] parameters = new float[Math.toIntExact(driver.parameterCount())];
            double epochLoss = history.lossSum();
            long epochSteps = history.steps();
            long epochStart = System.nanoTime() - (long) (history.seconds() * 1e9);
            LossLog losses = new LossLog();
            while (step < schedule.total()) {
                int epoch = schedule.epoch(step);
                long epochEnd = Math.min(schedule.total(), (epoch + 1L) * schedule.stepsPerEpoch());
                long checkpointAt = nextCheckpoint(schedule, step);
                int steps = (int) Math.min(config.averagingSteps(), Math.min(epochEnd, checkpointAt) - step);
                driver.readParameters(parameters);
                List<RoundResult> round = shards.mapPartitions(
                        new LocalSteps(job, jsc.broadcast(parameters), step, steps, schedule)).collect();
                double roundLoss = 0;
                for (RoundResult r : round) {
                    roundLoss += r.lossSum() * config.localBatchSize(r.rank()) / config.globalBatchSize();
                }
                if (config.stopOnDivergence() && !Double.isFinite(roundLoss)) {
                    throw new TrainingStoppedException("training diverged: the loss is " + roundLoss + " in steps "
                            + (step + 1) + "-" + (step + steps) + " of " + schedule.total() + " (epoch " + (epoch + 1)
                            + "); nothing was exported, " + (lastCheckpoint == 0 ? "no checkpoint was written yet"
                            : "the checkpoint at step " + lastCheckpoint + " is kept in " + store.dir())
                            + ". Lower training.learningRate, or set training.stopOnDivergence: false to train on regardless");
                }
                average(round, parameters);
                driver.writeParameters(parameters);
                epochLoss += roundLoss;
                epochSteps += steps;
                step += steps;
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                double samplesPerSecond = epochSteps * config.globalBatchSize() / seconds;
                // The driver has every step's loss itself here: no worker sends it.
                float[] stepLosses = stepLosses(round, steps);
                progress.losses(new StepLosses(step - steps + 1, stepLosses, samplesPerSecond));
                for (float loss : stepLosses) {
                    losses.add(loss);
                }
                progress.step(epoch, step, schedule.total(), epochLoss / epochSteps, samplesPerSecond);
                if (schedule.endsEpoch(step - 1)) {
                    Score score = validation == null ? Score.NONE : Evaluation.of(driver, validation.value());
                    EpochMetrics metrics = new EpochMetrics(epoch + 1, step, epochLoss / epochSteps, score.accuracy(),
                            score.meanLoss(), epochSteps * config.globalBatchSize() / seconds, seconds);
                    epochs.add(metrics);
                    progress.epoch(metrics);
                    epochLoss = 0;
                    epochSteps = 0;
                    epochStart = System.nanoTime();
                }
                boolean stopping = stopRequested.getAsBoolean() && step < schedule.total();
                if (schedule.checkpointDue(step - 1) || stopping) {
                    TrainingHistory sofar = new TrainingHistory(epochs, epochLoss, epochSteps,
                            epochSteps == 0 ? 0 : (System.nanoTime() - epochStart) / 1e9);
                    try {
                        store.write(new CheckpointState(job.identity(), step, epoch), driver::writeCheckpoint,
                                sofar.toJson());
                    } catch (IOException | UncheckedIOException e) {
                        throw new TrainingStoppedException("cannot write the checkpoint at step " + step + " to "
                                + store.dir() + ": " + IoFailures.describe(e));
                    }
                    lastCheckpoint = step;
                }
                if (stopping) {
                    String line = "stopped as asked after step " + step + " of " + schedule.total()
                            + "; the checkpoint at step " + lastCheckpoint + " is kept in " + store.dir();
                    progress.note(line);
                    throw new StoppedOnRequestException(line);
                }
            }
            ByteArrayOutputStream model = new ByteArrayOutputStream();
            driver.writeCheckpoint(model);
            return List.of(new WorkerResult(0, start, schedule.total(), epochs, model.toByteArray(), losses.toArray(),
                    null));
        } catch (IOException e) {
            throw new UncheckedIOException("parameter averaging cannot serialise the model", e);
        } finally {
            shards.unpersist(false);
        }
    }

    private int[] shardSizes(int workers) {
        int[] sizes = new int[workers];
        for (Tuple2<Integer, Integer> count : shards.mapPartitionsWithIndex((rank, rows) -> {
            int n = 0;
            while (rows.hasNext()) {
                rows.next();
                n++;
            }
            return List.of(new Tuple2<>(rank, n)).iterator();
        }, true).collect()) {
            sizes[count._1()] = count._2();
        }
        return sizes;
    }

    /** The checkpoint the driver's model was restored from, or null for a fresh start. */
    private Checkpoint resume(WorkerModel driver, CheckpointStore store) throws IOException {
        Optional<Checkpoint> latest;
        try {
            latest = store.latest(job.identity(), progress::note);
        } catch (DamagedCheckpointException e) {
            throw new TrainingStoppedException(e.getMessage());
        }
        if (latest.isEmpty()) {
            return null;
        }
        driver.readCheckpoint(new ByteArrayInputStream(latest.get().model()));
        progress.note("resuming from the checkpoint at step " + latest.get().state().step());
        return latest.get();
    }

    private static long nextCheckpoint(Schedule schedule, long step) {
        long s = step;
        while (s < schedule.total() && !schedule.checkpointDue(s)) {
            s++;
        }
        return s + 1;
    }

    /**
     * Each local step's loss over all workers, weighted as the round's loss is: local step
     * {@code i} of every worker counts as global step {@code i} of the round.
     */
    private float[] stepLosses(List<RoundResult> round, int steps) {
        float[] losses = new float[steps];
        for (int i = 0; i < steps; i++) {
            double loss = 0;
            for (RoundResult r : round) {
                loss += r.losses()[i] * job.config().localBatchSize(r.rank()) / job.config().globalBatchSize();
            }
            losses[i] = (float) loss;
        }
        return losses;
    }

    /** Weighted by each worker's share of the global batch, so the average matches the data each saw. */
    private void average(List<RoundResult> round, float[] into) {
        java.util.Arrays.fill(into, 0f);
        for (RoundResult r : round) {
            float weight = (float) job.config().localBatchSize(r.rank()) / job.config().globalBatchSize();
            float[] p = r.parameters();
            for (int i = 0; i < into.length; i++) {
                into[i] += p[i] * weight;
            }
        }
    }
}
