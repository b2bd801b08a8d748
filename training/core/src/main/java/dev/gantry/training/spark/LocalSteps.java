package dev.gantry.training.spark;

import dev.gantry.training.TrainingJob;
import dev.gantry.training.backend.Backends;
import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.worker.Schedule;
import dev.gantry.training.worker.Shard;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * A round of parameter averaging on one shard: start from the driver's parameters, take some
 * local steps. A round never crosses an epoch boundary, so one shard order serves it.
 */
final class LocalSteps implements FlatMapFunction<Iterator<Tuple2<Integer, Tuple2<Long, Example>>>, RoundResult> {
    private static final long serialVersionUID = 1L;

    private final TrainingJob job;
    private final Broadcast<float[]> parameters;
    private final long firstStep;
    private final int steps;
    private final Schedule schedule;

    LocalSteps(TrainingJob job, Broadcast<float[]> parameters, long firstStep, int steps, Schedule schedule) {
        this.job = job;
        this.parameters = parameters;
        this.firstStep = firstStep;
        this.steps = steps;
        this.schedule = schedule;
    }

    @Override
    public Iterator<RoundResult> call(Iterator<Tuple2<Integer, Tuple2<Long, Example>>> rows) {
        int rank = TaskContext.getPartitionId();
        Shard shard = ShardAssembly.of(rows, job.model().featureCount());
        try (WorkerModel model = Backends.find(job.framework()).create(job.model(), job.config().settings(),
                job.config().seed(), List.of())) {
            model.writeParameters(parameters.value());
            float[] gradient = new float[Math.toIntExact(model.parameterCount())];
            double[] losses = new double[steps];
            int[] order = schedule.order(shard, schedule.epoch(firstStep), rank);
            Batch batch = null;
            for (long step = firstStep; step < firstStep + steps; step++) {
                int[] range = schedule.batchRange(step, rank);
                batch = shard.batch(order, range[0], range[1], batch);
                losses[(int) (step - firstStep)] = model.trainStep(batch, gradient);
            }
            float[] after = new float[gradient.length];
            model.readParameters(after);
            return List.of(new RoundResult(rank, after, losses)).iterator();
        }
    }
}
