package dev.gantry.training.spark;

import dev.gantry.training.worker.Shard;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import scala.Tuple2;

/** Builds a worker's shard from its partition, in the data's global order (the shuffle that dealt it does not keep order). */
final class ShardAssembly {
    private ShardAssembly() {}

    static Shard of(Iterator<Tuple2<Integer, Tuple2<Long, Example>>> rows, int featureCount) {
        List<Tuple2<Long, Example>> examples = new ArrayList<>();
        rows.forEachRemaining(row -> examples.add(row._2()));
        examples.sort((a, b) -> Long.compare(a._1(), b._1()));
        float[] features = new float[examples.size() * featureCount];
        int[] labels = new int[examples.size()];
        for (int i = 0; i < labels.length; i++) {
            Example e = examples.get(i)._2();
            System.arraycopy(e.features(), 0, features, i * featureCount, featureCount);
            labels[i] = e.label();
        }
        return new Shard(features, labels, featureCount);
    }
}
