package dev.gantry.training.worker;

import dev.gantry.training.TrainConfig;
import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.Score;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.checkpoint.Checkpoint;
import dev.gantry.training.checkpoint.CheckpointState;
import dev.gantry.training.checkpoint.CheckpointStore;
import dev.gantry.training.checkpoint.DamagedCheckpointException;
import dev.gantry.training.checkpoint.IoFailures;
import dev.gantry.training.collective.Collectives;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One worker's synchronous data-parallel training: every step ({@link SyncStep}) each worker
 * computes the gradient of its share of the global batch, the workers all-reduce the
 * size-weighted gradients, and each applies the same mean gradient. Replicas start equal (from
 * worker 0's parameters or from the latest checkpoint) and so stay equal.
 *
 * <p>Worker {@code w} of {@code n} holds the examples {@code w, w + n, w + 2n, ...} and, without
 * shuffling, takes its next {@code B/n} of them each step; together the workers then see exactly
 * the examples one worker with batch {@code B} would see, so n workers compute what one does.
 *
 * <p>A run asked to stop ({@link #stopWhen}) stops at a step boundary that all workers agree on:
 * each step's all-reduce carries whether any worker was asked, so every worker learns it after
 * the same step. There worker 0 writes a checkpoint of exactly that step, the same kind the
 * periodic ones are, and every worker returns {@link WorkerResult#requested() stopped on request}.
 * A rerun resumes from it as from any checkpoint, and ends where an undisturbed run ends.
 */
public final class WorkerLoop {
    private final WorkerModel model;
    private final Collectives ring;
    private final Shard shard;
    private final Shard validation;
    private final TrainConfig config;
    private final CheckpointStore store;
    private final String job;
    private final ProgressSink progress;
    private BooleanSupplier stopRequested = () -> false;

    /**
     * @param validation this worker's share of the validation examples, or null
     * @param store      where checkpoints go; worker 0 writes, every worker resumes from it
     */
    public WorkerLoop(WorkerModel model, Collectives ring, Shard shard, Shard validation, TrainConfig config,
                      CheckpointStore store, String job, ProgressSink progress) {
        this.model = model;
        this.ring = ring;
        this.shard = shard;
        this.validation = validation;
        this.config = config;
        this.store = store;
        this.job = job;
        this.progress = progress;
    }

    /**
     * Stops the run at the first step after which {@code requested} answered true on any worker,
     * with a checkpoint of that step. Asked on every step, so it must be cheap (a volatile read).
     */
    public WorkerLoop stopWhen(BooleanSupplier requested) {
        this.stopRequested = requested;
        return this;
    }

    public WorkerResult run() {
        int rank = ring.rank();
        Schedule schedule = new Schedule(config, shardSizes());
        long total = schedule.total();
        Start begin = startFrom();
        if (begin.failure() != null) {
            return WorkerResult.stopped(rank, 0, total, begin.failure());
        }
        long start = begin.step();
        if (start > 0) {
            progress.note("resuming from the checkpoint at step " + start + " of " + total);
        }
        SyncStep sync = new SyncStep(model, ring, config.globalBatchSize());
        TrainingHistory history = begin.history().reopenedFor(schedule.stepsPerEpoch());
        List<EpochMetrics> epochs = history.epochsCopy();
        long lastCheckpoint = start;

        int[] order = null;
        int orderEpoch = -1;
        double epochLoss = history.lossSum();
        long epochSteps = history.steps();
        // The epoch's time before the checkpoint counts; the time the job was down does not.
        long epochStart = System.nanoTime() - (long) (history.seconds() * 1e9);
        long loopStart = System.nanoTime();
        long examples = 0;
        LossLog losses = new LossLog();
        Batch batch = null;
        for (long step = start; step < total; step++) {
            int epoch = schedule.epoch(step);
            if (epoch != orderEpoch) {
                order = schedule.order(shard, epoch, rank);
                orderEpoch = epoch;
            }
            int[] range = schedule.batchRange(step, rank);
            batch = shard.batch(order, range[0], range[1], batch);
            double stepLoss = sync.run(batch, stopRequested.getAsBoolean());
            if (config.stopOnDivergence() && !Double.isFinite(stepLoss)) {
                // Every worker has the same all-reduced loss, so all stop at this step together.
                return WorkerResult.stopped(rank, start, total, "training diverged: the loss is " + stepLoss
                        + " at step " + (step + 1) + " of " + total + " (epoch " + (epoch + 1) + "); nothing was exported, "
                        + kept(lastCheckpoint) + ". Lower training.learningRate, or set training.stopOnDivergence:"
                        + " false to train on regardless");
            }
            examples += range[1];
            epochLoss += stepLoss;
            epochSteps++;
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            if (rank == 0) {
                losses.add(stepLoss);
                progress.step(epoch, step + 1, total, stepLoss, epochSteps * config.globalBatchSize() / Math.max(seconds, 1e-9));
            }
            if (schedule.endsEpoch(step)) {
                Score score = validate();
                EpochMetrics metrics = new EpochMetrics(epoch + 1, step + 1, epochLoss / epochSteps, score.accuracy(),
                        score.meanLoss(), epochSteps * config.globalBatchSize() / seconds, seconds);
                epochs.add(metrics);
                if (rank == 0) {
                    progress.epoch(metrics);
                }
                epochLoss = 0;
                epochSteps = 0;
            }
            // Every worker has the same all-reduced flag, so all stop after this step together.
            boolean stopping = sync.stopAgreed() && step + 1 < total;
            if (store != null && (schedule.checkpointDue(step) || stopping)) {
                TrainingHistory sofar = new TrainingHistory(epochs, epochLoss, epochSteps,
                        epochSteps == 0 ? 0 : (System.nanoTime() - epochStart) / 1e9);
                String failure = rank == 0 ? checkpoint(step + 1, epoch, sofar) : null;
                if (anyFailed(failure != null)) {
                    return WorkerResult.stopped(rank, start, total, failure != null ? failure
                            : "worker 0 could not write the checkpoint at step " + (step + 1));
                }
                lastCheckpoint = step + 1;
            }
            if (schedule.endsEpoch(step)) {
                epochStart = System.nanoTime();
            }
            if (stopping) {
                String line = "stopped as asked after step " + (step + 1) + " of " + total + "; " + kept(lastCheckpoint);
                if (rank == 0) {
                    progress.note(line);
                }
                return WorkerResult.stoppedOnRequest(rank, start, total, line);
            }
        }
        WorkerStats stats = new WorkerStats(rank, null, null, List.of(), examples,
                (System.nanoTime() - loopStart) / 1e9, sync.computeNanos() / 1e9);
        byte[] finalModel = rank == 0 ? snapshot() : new byte[0];
        return new WorkerResult(rank, start, total, epochs, finalModel, losses.toArray(), stats);
    }

    private String kept(long checkpoint) {
        return store == null || checkpoint == 0 ? "no checkpoint was written yet"
                : "the checkpoint at step " + checkpoint + " is kept in " + store.dir();
    }

    /** Whether any worker failed; every worker calls it at the same point, so all learn the same. */
    private boolean anyFailed(boolean mine) {
        float[] flag = {mine ? 1f : 0f};
        ring.allReduce(flag);
        return flag[0] > 0;
    }

    private int[] shardSizes() {
        List<byte[]> sizes = ring.allGather(ByteBuffer.allocate(Integer.BYTES).putInt(shard.size()).array());
        return sizes.stream().mapToInt(b -> ByteBuffer.wrap(b).getInt()).toArray();
    }

    /** Where this run starts: step 0, a checkpoint's step and history, or a reason it cannot start. */
    private record Start(long step, TrainingHistory history, String failure) {}

    private static final byte FRESH = 0;
    private static final byte RESUME = 1;
    private static final byte CANNOT_START = 2;

    /**
     * Worker 0 reads the latest intact checkpoint and gives it to all, or else its fresh
     * parameters, so that every replica starts from the same point whatever each was initialised
     * with. When no checkpoint can be resumed (all damaged), worker 0 says so to all, and every
     * worker stops with that reason instead of the others failing on a closed connection.
     */
    private Start startFrom() {
        byte[] mine = new byte[0];
        if (ring.rank() == 0) {
            mine = firstWorkersStart();
        }
        ByteBuffer fromFirst = ByteBuffer.wrap(ring.allGather(mine).get(0));
        byte kind = fromFirst.get();
        if (kind == CANNOT_START) {
            byte[] text = new byte[fromFirst.remaining()];
            fromFirst.get(text);
            return new Start(0, TrainingHistory.NONE, new String(text, StandardCharsets.UTF_8));
        }
        if (kind == FRESH) {
            float[] parameters = new float[Math.toIntExact(model.parameterCount())];
            model.readParameters(parameters);
            ring.broadcast(parameters, 0);
            model.writeParameters(parameters);
            return new Start(0, TrainingHistory.NONE, null);
        }
        long step = fromFirst.getLong();
        byte[] history = new byte[fromFirst.getInt()];
        fromFirst.get(history);
        try {
            model.readCheckpoint(new ByteArrayInputStream(fromFirst.array(), fromFirst.position(), fromFirst.remaining()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the checkpoint at step " + step, e);
        }
        return new Start(step, TrainingHistory.fromJson(history), null);
    }

    private byte[] firstWorkersStart() {
        Optional<Checkpoint> latest;
        try {
            latest = store == null ? Optional.empty() : store.latest(job, progress::note);
        } catch (DamagedCheckpointException e) {
            byte[] text = e.getMessage().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + text.length).put(CANNOT_START).put(text).array();
        }
        if (latest.isEmpty()) {
            return new byte[] {FRESH};
        }
        Checkpoint c = latest.get();
        return ByteBuffer.allocate(1 + Long.BYTES + Integer.BYTES + c.history().length + c.model().length)
                .put(RESUME).putLong(c.state().step()).putInt(c.history().length).put(c.history()).put(c.model())
                .array();
    }

    private Score validate() {
        Score mine = Evaluation.of(model, validation);
        float[] sums = {(float) mine.lossSum(), mine.correct(), mine.count()};
        ring.allReduce(sums);
        return new Score(sums[0], (long) sums[1], (long) sums[2]);
    }

    /** Writes a checkpoint; returns why it could not, or null. A full disk is not retried: it would fail again. */
    private String checkpoint(long step, int epoch, TrainingHistory history) {
        try {
            store.write(new CheckpointState(job, step, epoch), model::writeCheckpoint, history.toJson());
            return null;
        } catch (IOException | UncheckedIOException e) {
            return "worker 0 cannot write the checkpoint at step " + step + " to " + store.dir() + ": "
                    + IoFailures.describe(e);
        }
    }

    private byte[] snapshot() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            model.writeCheckpoint(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the final model", e);
        }
        return out.toByteArray();
    }
}
