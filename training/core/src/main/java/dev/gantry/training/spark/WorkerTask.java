package dev.gantry.training.spark;

import dev.gantry.training.TrainingJob;
import dev.gantry.training.backend.Backends;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.collective.Collectives;
import dev.gantry.training.collective.RingListener;
import dev.gantry.training.collective.RingOptions;
import dev.gantry.training.collective.SoloCollectives;
import dev.gantry.training.progress.ProgressClient;
import dev.gantry.training.worker.CudaOrdinals;
import dev.gantry.training.worker.ProgressSink;
import dev.gantry.training.worker.Shard;
import dev.gantry.training.worker.WorkerLoop;
import dev.gantry.training.worker.WorkerResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The body of one barrier task: one worker. It gathers its shard, finds its peers through
 * Spark's barrier {@code allGather}, joins the ring, and runs the training loop on the GPUs
 * Spark assigned to this task and no others.
 */
final class WorkerTask implements FlatMapFunction<Iterator<Tuple2<Integer, Tuple2<Long, Example>>>, WorkerResult> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_MODEL_BYTES = 1 << 30;

    private final TrainingJob job;
    private final byte[] secret;
    private final InetSocketAddress progress;
    private final Broadcast<Shard> validation;

    WorkerTask(TrainingJob job, byte[] secret, InetSocketAddress progress, Broadcast<Shard> validation) {
        this.job = job;
        this.secret = secret.clone();
        this.progress = progress;
        this.validation = validation;
    }

    @Override
    public Iterator<WorkerResult> call(Iterator<Tuple2<Integer, Tuple2<Long, Example>>> rows) throws Exception {
        BarrierTaskContext context = BarrierTaskContext.get();
        int rank = context.partitionId();
        int workers = context.getTaskInfos().length;
        Shard shard = ShardAssembly.of(rows, job.model().featureCount());
        List<Integer> gpus = gpus(context);
        try (Collectives ring = join(context, rank, workers);
             WorkerModel model = Backends.find(job.framework()).create(job.model(), job.config().settings(),
                     job.config().seed(), gpus)) {
            ProgressSink sink = rank == 0 && progress != null ? new ProgressClient(progress, secret) : ProgressSink.NONE;
            try {
                if (!gpus.isEmpty()) {
                    sink.note("worker " + rank + " on " + host() + " uses GPU(s) " + gpus);
                }
                // Only worker 0 hears the driver's stop request; the loop tells the others in its all-reduce.
                BooleanSupplier stop = sink instanceof ProgressClient client ? client::stopRequested : () -> false;
                WorkerResult result = new WorkerLoop(model, ring, shard, validationShard(rank, workers),
                        job.config(), job.checkpoints(), job.identity(), sink).stopWhen(stop).run();
                if (result.failed()) {
                    return List.of(result).iterator();
                }
                List<String> addresses = gpuAddresses(context);
                return List.of(result.withStats(result.stats().on(SparkEnv.get().executorId(), host(), addresses)))
                        .iterator();
            } finally {
                if (sink instanceof ProgressClient client) {
                    client.close();
                }
            }
        } catch (RuntimeException | Error e) {
            tellDriver(rank, e);
            throw e;
        }
    }

    /** A failure of this worker's own, not the echo of a peer's (a closed ring connection), goes to the driver. */
    private void tellDriver(int rank, Throwable failure) {
        if (progress == null || WorkerFailures.isEcho(failure)) {
            return;
        }
        ProgressClient client = new ProgressClient(progress, secret);
        try {
            client.failure(rank, "on " + host() + ": " + WorkerFailures.describe(failure));
        } finally {
            client.close();
        }
    }

    private Collectives join(BarrierTaskContext context, int rank, int workers) throws IOException {
        if (workers == 1) {
            return new SoloCollectives();
        }
        // Listen on the address Spark gave this executor, never on every interface.
        try (RingListener listener = RingListener.open(InetAddress.getByName(host()))) {
            InetSocketAddress mine = listener.address();
            String[] all = context.allGather(mine.getAddress().getHostAddress() + ":" + mine.getPort());
            List<InetSocketAddress> peers = new ArrayList<>();
            for (String peer : all) {
                int colon = peer.lastIndexOf(':');
                peers.add(new InetSocketAddress(peer.substring(0, colon), Integer.parseInt(peer.substring(colon + 1))));
            }
            // The stage attempt is in the job id so that a worker of a retried stage cannot join a
            // ring of the failed one. Worker 0 hands the latest checkpoint to the others through
            // allGather, so messages may be as large as a model.
            RingOptions options = RingOptions.forJob(job.name() + "/attempt-" + context.stageAttemptNumber())
                    .withMaxMessageBytes(MAX_MODEL_BYTES);
            return listener.connect(rank, peers, secret, options);
        }
    }

    private static String host() {
        return SparkEnv.get().blockManager().blockManagerId().host();
    }

    private static List<String> gpuAddresses(BarrierTaskContext context) {
        var gpu = context.resources().get("gpu");
        return gpu.isEmpty() ? List.of() : List.of(gpu.get().addresses());
    }

    private static List<Integer> gpus(BarrierTaskContext context) {
        var gpu = context.resources().get("gpu");
        if (gpu.isEmpty()) {
            return List.of();
        }
        return CudaOrdinals.of(Arrays.asList(gpu.get().addresses()), System.getenv("CUDA_VISIBLE_DEVICES"));
    }

    private Shard validationShard(int rank, int workers) {
        if (validation == null) {
            return null;
        }
        Shard all = validation.value();
        int count = (all.size() - rank + workers - 1) / workers;
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = rank + i * workers;
        }
        if (count == 0) {
            return null;
        }
        var mine = all.batch(order, 0, count);
        return new Shard(mine.features(), mine.labels(), all.featureCount());
    }
}
