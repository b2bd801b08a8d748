package dev.gantry.training.worker;

import dev.gantry.training.TrainConfig;
import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.Score;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.checkpoint.Checkpoint;
import dev.gantry.training.checkpoint.CheckpointState;
import dev.gantry.training.checkpoint.CheckpointStore;
import dev.gantry.training.collective.Collectives;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One worker's synchronous data-parallel training: every step ({@link SyncStep}) each worker
 * computes the gradient of its share of the global batch, the workers all-reduce the
 * size-weighted gradients, and each applies the same mean gradient. Replicas start equal (from
 * worker 0's parameters or from the latest checkpoint) and so stay equal.
 *
 * <p>Worker {@code w} of {@code n} holds the examples {@code w, w + n, w + 2n, ...} and, without
 * shuffling, takes its next {@code B/n} of them each step; together the workers then see exactly
 * the examples one worker with batch {@code B} would see, so n workers compute what one does.
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

    public WorkerResult run() {
        int rank = ring.rank();
        Schedule schedule = new Schedule(config, shardSizes());
        long total = schedule.total();
        long start = startFrom();
        if (start > 0) {
            progress.note("resuming from the checkpoint at step " + start + " of " + total);
        }
        SyncStep sync = new SyncStep(model, ring, config.globalBatchSize());
        List<EpochMetrics> epochs = new ArrayList<>();

        int[] order = null;
        int orderEpoch = -1;
        double epochLoss = 0;
        long epochSteps = 0;
        long epochStart = System.nanoTime();
        long loopStart = epochStart;
        long examples = 0;
        Batch batch = null;
        for (long step = start; step < total; step++) {
            int epoch = schedule.epoch(step);
            if (epoch != orderEpoch) {
                order = schedule.order(shard, epoch, rank);
                orderEpoch = epoch;
            }
            int[] range = schedule.batchRange(step, rank);
            batch = shard.batch(order, range[0], range[1], batch);
            double stepLoss = sync.run(batch);
            examples += range[1];
            epochLoss += stepLoss;
            epochSteps++;
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            if (rank == 0) {
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
            if (rank == 0 && store != null && schedule.checkpointDue(step)) {
                checkpoint(step + 1, epoch);
            }
            if (schedule.endsEpoch(step)) {
                epochStart = System.nanoTime();
            }
        }
        WorkerStats stats = new WorkerStats(rank, null, null, List.of(), examples,
                (System.nanoTime() - loopStart) / 1e9, sync.computeNanos() / 1e9);
        byte[] finalModel = rank == 0 ? snapshot() : new byte[0];
        return new WorkerResult(rank, start, total, epochs, finalModel, stats);
    }

    private int[] shardSizes() {
        List<byte[]> sizes = ring.allGather(ByteBuffer.allocate(Integer.BYTES).putInt(shard.size()).array());
        return sizes.stream().mapToInt(b -> ByteBuffer.wrap(b).getInt()).toArray();
    }

    /**
     * Worker 0 reads the latest checkpoint and gives it to all, or else its fresh parameters, so
     * that every replica starts from the same point whatever each was initialised with.
     */
    private long startFrom() {
        byte[] mine = new byte[0];
        if (ring.rank() == 0 && store != null) {
            Optional<Checkpoint> latest = store.latest(job);
            if (latest.isPresent()) {
                Checkpoint c = latest.get();
                mine = ByteBuffer.allocate(Long.BYTES + c.model().length).putLong(c.state().step()).put(c.model()).array();
            }
        }
        byte[] fromFirst = ring.allGather(mine).get(0);
        if (fromFirst.length == 0) {
            float[] parameters = new float[Math.toIntExact(model.parameterCount())];
            model.readParameters(parameters);
            ring.broadcast(parameters, 0);
            model.writeParameters(parameters);
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(fromFirst);
        long step = buffer.getLong();
        try {
            model.readCheckpoint(new ByteArrayInputStream(fromFirst, Long.BYTES, fromFirst.length - Long.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the checkpoint at step " + step, e);
        }
        return step;
    }

    private Score validate() {
        Score mine = Evaluation.of(model, validation);
        float[] sums = {(float) mine.lossSum(), mine.correct(), mine.count()};
        ring.allReduce(sums);
        return new Score(sums[0], (long) sums[1], (long) sums[2]);
    }

    private void checkpoint(long step, int epoch) {
        try {
            store.write(new CheckpointState(job, step, epoch), model::writeCheckpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint at step " + step + " to " + store.dir(), e);
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
