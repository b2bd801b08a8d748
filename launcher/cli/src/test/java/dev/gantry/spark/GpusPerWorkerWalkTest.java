package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.job.JobSpec;
import dev.gantry.job.JobSpecException;
import dev.gantry.job.JobSpecReader;
import dev.gantry.offers.OfferPool;
import dev.gantry.offers.OfferViews;
import dev.gantry.placement.AgentLaunch;
import dev.gantry.placement.ClusterState;
import dev.gantry.placement.ExecutorAllocation;
import dev.gantry.placement.Placer;
import dev.gantry.placement.Plan;
import dev.gantry.protocol.ResourceNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/**
 * {@code resources.gpusPerWorker} from the YAML to the executors' TaskInfos: the spec becomes one
 * typed value ({@link JobSpec#settings()}) that the launcher's preview plans with, and whose
 * properties the driver's Spark reads back once ({@link MesosClusterManager}) into the same
 * reading; the placement engine allocates that many GPUs and {@link ResourcesStep} puts them on
 * the task. A user's {@code spark.executor.resource.gpu.amount} wins all the way.
 */
class GpusPerWorkerWalkTest {
    private static final Path GPU_JOB = Path.of("..", "..", "examples", "jobs", "digits-tensorflow-mlp.yaml");

    /** Two agents of 8 CPUs, 16 GB and 4 GPUs each, offered to the job. */
    private static final List<Offer> OFFERS = List.of(offer("S0", "gpu-0"), offer("S1", "gpu-1"));

    private static Offer offer(String agent, String hostname) {
        return Offer.newBuilder().setId(OfferID.newBuilder().setValue("o-" + agent))
                .setFrameworkId(FrameworkID.newBuilder().setValue("f")).setAgentId(AgentID.newBuilder().setValue(agent))
                .setHostname(hostname)
                .addResources(scalar(ResourceNames.CPUS, 8)).addResources(scalar(ResourceNames.MEM, 16384))
                .addResources(scalar(ResourceNames.GPUS, 4)).build();
    }

    @SuppressWarnings("deprecation")
    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR).setRole("*")
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static JobSpec spec(String... sets) {
        return new JobSpecReader().read(GPU_JOB, List.of(sets));
    }

    /** The launcher's side: the dry-run plan, from the typed value it was handed. */
    private static List<Integer> previewedGpus(MesosSparkSettings settings) {
        Plan plan = PlacementPreview.plan(settings, OFFERS.stream().map(OfferViews::of).toList(), 0);
        return plan.launches().stream().flatMap(l -> l.executors().stream()).map(e -> e.total().gpus()).toList();
    }

    /**
     * The driver's side: Spark is given the properties, the cluster manager reads its SparkConf
     * once, and the backend plans the offers and builds each executor's task.
     */
    private static List<TaskInfo> driverTasks(MesosSparkSettings settings) {
        SparkConf sparkConf = new SparkConf(false);
        settings.properties().forEach(sparkConf::set);
        MesosBackendConf conf = MesosBackendConf.from(sparkConf);
        assertThat(conf.shape()).as("the driver's reading is the launcher's").isEqualTo(settings.executorShape());

        Map<String, Offer> byId = OFFERS.stream().collect(Collectors.toMap(o -> o.getId().getValue(), o -> o));
        Plan plan = new Placer().plan(OFFERS.stream().map(OfferViews::of).toList(), conf.demand(conf.staticExecutors()),
                ClusterState.empty(0));
        ExecutorTaskBuilder tasks = new ExecutorTaskBuilder(List.of(new BasicsStep("walk"), new ResourcesStep()));
        List<TaskInfo> built = new ArrayList<>();
        for (AgentLaunch launch : plan.launches()) {
            OfferPool offered = OfferPool.of(launch.offerIds().stream().map(byId::get).toList());
            AgentID agent = AgentID.newBuilder().setValue(launch.agentId()).build();
            for (ExecutorAllocation allocation : launch.executors()) {
                built.add(tasks.build(new ExecutorLaunch(String.valueOf(built.size()), agent, "host", launch.role(),
                        allocation, offered)));
            }
        }
        return built;
    }

    private static double gpus(TaskInfo task) {
        return task.getResourcesList().stream().filter(r -> r.getName().equals(ResourceNames.GPUS))
                .mapToDouble(r -> r.getScalar().getValue()).sum();
    }

    @Test
    void gpusPerWorkerReachesEachExecutorsTaskThroughOneTypedValue() {
        MesosSparkSettings settings = spec("resources.workers=3", "resources.gpusPerWorker=2").settings();

        assertThat(settings.executorGpus()).isEqualTo(2);
        assertThat(settings.executorShape().gpus()).isEqualTo(2);
        assertThat(previewedGpus(settings)).containsExactly(2, 2, 2);
        assertThat(driverTasks(settings)).hasSize(3).extracting(GpusPerWorkerWalkTest::gpus).containsOnly(2.0);
    }

    @Test
    void aUsersSparkGpuAmountWinsInThePreviewAndOnTheTasks() {
        MesosSparkSettings settings = spec("resources.workers=2", "resources.gpusPerWorker=2",
                "spark.spark.executor.resource.gpu.amount=3").settings();

        assertThat(settings.executorGpus()).isEqualTo(3);
        assertThat(previewedGpus(settings)).containsExactly(3, 3);
        assertThat(driverTasks(settings)).hasSize(2).extracting(GpusPerWorkerWalkTest::gpus).containsOnly(3.0);
    }

    @Test
    void aCpuOnlyWorkerAsksForNoGpusAnywhere() {
        MesosSparkSettings settings = spec("resources.gpusPerWorker=0").settings();

        assertThat(settings.executorGpus()).isZero();
        assertThat(previewedGpus(settings)).containsExactly(0, 0);
        assertThat(driverTasks(settings)).hasSize(2).allSatisfy(task -> assertThat(task.getResourcesList())
                .noneMatch(r -> r.getName().equals(ResourceNames.GPUS)));
    }

    @Test
    void aBadSparkValueIsBadInputNamingItsKeyWhenTheSettingsAreRead() {
        JobSpec spec = spec("spark.spark.executor.resource.gpu.amount=0.5");

        assertThatThrownBy(spec::settings).isInstanceOf(JobSpecException.class)
                .hasMessageStartingWith("spark: spark.executor.resource.gpu.amount is 0.5, but Mesos gives whole GPUs only");
    }
}
