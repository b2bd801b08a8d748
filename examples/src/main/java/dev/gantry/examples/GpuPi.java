package dev.gantry.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceInformation;
import scala.Tuple2;

/**
 * Estimates pi with one Spark task per GPU slot, each task saying which GPU Spark gave it: a
 * first look at Spark's GPU scheduling on Mesos. Run it with
 * {@code ./gantry spark-submit --gpus 2 --conf spark.executor.resource.gpu.amount=1
 * --conf spark.task.resource.gpu.amount=1 --class dev.gantry.examples.GpuPi
 * examples/target/gantry-examples.jar [samples]}.
 */
public final class GpuPi {
    private GpuPi() {}

    public static void main(String[] args) {
        long samples = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setIfMissing("spark.app.name", "GpuPi"))) {
            int slices = Math.max(2, sc.defaultParallelism());
            List<Integer> seeds = new ArrayList<>();
            for (int i = 0; i < slices; i++) {
                seeds.add(i);
            }
            long perSlice = samples / slices;
            List<Tuple2<String, Long>> hits = sc.parallelize(seeds, slices).map(seed -> {
                TaskContext task = TaskContext.get();
                ResourceInformation gpus = task.resources().get("gpu").getOrElse(() -> null);
                String where = "executor " + org.apache.spark.SparkEnv.get().executorId()
                        + (gpus == null ? " (no GPU)" : " GPU " + String.join(",", gpus.addresses()));
                java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
                long inside = 0;
                for (long i = 0; i < perSlice; i++) {
                    double x = random.nextDouble() * 2 - 1;
                    double y = random.nextDouble() * 2 - 1;
                    if (x * x + y * y <= 1) {
                        inside++;
                    }
                }
                return new Tuple2<>(where, inside);
            }).collect();
            Map<String, Long> byPlace = new TreeMap<>();
            long inside = 0;
            for (Tuple2<String, Long> hit : hits) {
                byPlace.merge(hit._1(), 1L, Long::sum);
                inside += hit._2();
            }
            byPlace.forEach((where, tasks) -> System.out.println(tasks + " task(s) on " + where));
            System.out.printf("pi is roughly %.5f (%d samples in %d tasks)%n",
                    4.0 * inside / (perSlice * slices), perSlice * slices, slices);
        }
    }
}
