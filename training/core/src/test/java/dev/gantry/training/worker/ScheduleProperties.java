package dev.gantry.training.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.TrainConfig;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ScheduleProperties {

    /**
     * With examples dealt round-robin, every step takes exactly the global batch, every worker
     * stays inside its shard, and no example is used twice within an epoch.
     */
    @Property(tries = 300)
    void stepsTakeTheGlobalBatchAndNeverReuseAnExampleWithinAnEpoch(
            @ForAll @IntRange(min = 1, max = 6) int workers,
            @ForAll @IntRange(min = 0, max = 40) int extraBatch,
            @ForAll @IntRange(min = 0, max = 300) int extraExamples,
            @ForAll boolean shuffle) {
        int batch = workers + extraBatch;
        int examples = batch + extraExamples;
        TrainConfig config = TrainConfig.defaults().withWorkers(workers).withBatch(batch).withEpochs(2).withShuffle(shuffle);
        int[] sizes = new int[workers];
        for (int w = 0; w < workers; w++) {
            sizes[w] = (examples - w + workers - 1) / workers;
        }
        Schedule schedule = new Schedule(config, sizes);
        assertThat(schedule.stepsPerEpoch()).isPositive();
        assertThat(schedule.stepsPerEpoch() * batch).isLessThanOrEqualTo(examples);
        for (int epoch = 0; epoch < 2; epoch++) {
            Set<Long> seen = new HashSet<>();
            for (long s = epoch * schedule.stepsPerEpoch(); s < (epoch + 1) * schedule.stepsPerEpoch(); s++) {
                int taken = 0;
                for (int w = 0; w < workers; w++) {
                    int[] range = schedule.batchRange(s, w);
                    assertThat(range[0] + range[1]).isLessThanOrEqualTo(sizes[w]);
                    Shard shard = new Shard(new float[sizes[w]], new int[sizes[w]], 1);
                    int[] order = schedule.order(shard, epoch, w);
                    for (int i = range[0]; i < range[0] + range[1]; i++) {
                        long global = w + (long) order[i] * workers;
                        assertThat(seen.add(global)).as("example %d used twice in epoch %d", global, epoch).isTrue();
                    }
                    taken += range[1];
                }
                assertThat(taken).isEqualTo(batch);
            }
        }
    }
}
