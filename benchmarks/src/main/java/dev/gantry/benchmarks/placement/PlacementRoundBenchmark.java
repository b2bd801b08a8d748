package dev.gantry.benchmarks.placement;

import com.netflix.fenzo.SchedulingResult;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.TaskScheduler;
import com.netflix.fenzo.VirtualMachineLease;
import dev.gantry.placement.ClusterState;
import dev.gantry.placement.Demand;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.Placer;
import dev.gantry.placement.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * One placement round: 1,000 executors of the mix's inference shape (4 cpus, 32 GiB, 1 GPU)
 * on a generated, fragmented cluster of 100, 1,000 or 10,000 agents, one offer per agent.
 * Gantry's {@link Placer} and Fenzo's {@link TaskScheduler} (cpuMemBinPacker, GPUs as the
 * scalar {@code gpus}) get the same offers. Each Fenzo round starts from a fresh scheduler
 * holding no leases, as Gantry's placer holds none; building it is not timed.
 *
 * <p>One core: the fork runs with {@code -XX:ActiveProcessorCount=1}, since Fenzo 1.0.1 sizes
 * its evaluation thread pool by the processor count and has no setting for it.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PlacementRoundBenchmark -f 1 -wi 3 -i 5</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:ActiveProcessorCount=1")
@Threads(1)
public class PlacementRoundBenchmark {
    static final long SEED = 2026;
    static final int EXECUTORS = 1_000;
    static final Job JOB = new Job(0, JobKind.INFERENCE, EXECUTORS, JobKind.INFERENCE.executor(), Map.of(), false);

    static List<AgentOffer> offers(int agents) {
        return new ClusterGenerator(SEED).generate(agents).offers();
    }

    @State(Scope.Thread)
    public static class GantryRound {
        @Param({"100", "1000", "10000"})
        int agents;

        final Placer placer = new Placer();
        final ClusterState state = ClusterState.empty(0);
        Demand demand;
        List<OfferView> offers;

        @Setup(Level.Trial)
        public void generate() {
            demand = GantrySimPlacer.demandOf(JOB);
            offers = new ArrayList<>();
            for (AgentOffer offer : offers(agents)) {
                offers.add(GantrySimPlacer.offerView(offer, offer.agent().id() + "-O0"));
            }
        }
    }

    @State(Scope.Thread)
    public static class FenzoRound {
        @Param({"100", "1000", "10000"})
        int agents;

        List<VirtualMachineLease> leases;
        List<TaskRequest> tasks;
        TaskScheduler scheduler;

        @Setup(Level.Trial)
        public void generate() {
            leases = new ArrayList<>();
            for (AgentOffer offer : offers(agents)) {
                leases.add(new FenzoLease(offer.agent().id() + "-L0", offer, FenzoLease.attributesOf(offer.agent())));
            }
        }

        @Setup(Level.Invocation)
        public void freshScheduler() {
            scheduler = FenzoSimPlacer.newScheduler();
            tasks = FenzoExecutorTask.of(JOB);
        }

        @TearDown(Level.Invocation)
        public void shutdown() {
            scheduler.shutdown();
        }
    }

    @Benchmark
    public Plan gantry(GantryRound round) {
        return round.placer.plan(round.offers, round.demand, round.state);
    }

    @Benchmark
    public SchedulingResult fenzo(FenzoRound round) {
        return round.scheduler.scheduleOnce(round.tasks, round.leases);
    }
}
