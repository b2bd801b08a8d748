package dev.gantry.benchmarks.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spark 3.5's offer loop ({@link SparkOfferLoop}) with the settings a user would give a job of
 * N executors of G GPUs and C cores: {@code spark.executor.cores=C}, {@code spark.cores.max=N*C},
 * {@code spark.mesos.gpus.max=N*G}, and the job's constraints. No executor has failed in a
 * simulation, so no agent is skipped for failures.
 */
public final class SparkSimPlacer implements SimulatedPlacer {
    private final SparkOfferLoop loop = new SparkOfferLoop();
    private final OfferCache<SparkOfferLoop.Offer> cache = new OfferCache<>(SparkSimPlacer::convert);

    @Override
    public String name() {
        return "Spark 3.5 offer loop";
    }

    public static SparkOfferLoop.Conf confOf(Job job) {
        Resources executor = job.executor();
        return new SparkOfferLoop.Conf(executor.cpus(), executor.memMb(), executor.cpus() * job.executors(),
                executor.gpus() * job.executors(), job.sparkConstraints());
    }

    @Override
    public RoundOutcome place(Job job, List<AgentOffer> offers) {
        List<SparkOfferLoop.Offer> input = new ArrayList<>(offers.size());
        for (AgentOffer offer : offers) {
            input.add(cache.get(offer));
        }
        SparkOfferLoop.Conf conf = confOf(job);
        long start = System.nanoTime();
        List<SparkOfferLoop.Launch> launches = loop.launch(input, conf, Map.of());
        long nanos = System.nanoTime() - start;
        List<ExecutorGrant> grants = new ArrayList<>(launches.size());
        for (SparkOfferLoop.Launch launch : launches) {
            Resources granted = new Resources(launch.cpus(), launch.memMb(), launch.gpus());
            grants.add(new ExecutorGrant(offers.get(launch.offerIndex()).agentIndex(), granted, job.executor()));
        }
        return new RoundOutcome(grants, nanos);
    }

    private static SparkOfferLoop.Offer convert(AgentOffer offer) {
        Agent agent = offer.agent();
        Resources free = offer.free();
        return new SparkOfferLoop.Offer(agent.id(), agent.hostname(), agent.attributes(), free.cpus(), free.memMb(),
                free.gpus());
    }
}
