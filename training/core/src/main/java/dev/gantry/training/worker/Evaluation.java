package dev.gantry.training.worker;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.Score;
import dev.gantry.training.backend.WorkerModel;

/** Scores a model on a shard in batches, so evaluation memory stays bounded whatever the shard's size. */
public final class Evaluation {
    private static final int BATCH = 512;

    private Evaluation() {}

    public static Score of(WorkerModel model, Shard shard) {
        Score total = Score.NONE;
        if (shard == null || shard.size() == 0) {
            return total;
        }
        int[] order = shard.order(false, 0);
        Batch batch = null;
        for (int from = 0; from < shard.size(); from += BATCH) {
            batch = shard.batch(order, from, Math.min(BATCH, shard.size() - from), batch);
            total = total.plus(model.evaluate(batch));
        }
        return total;
    }
}
