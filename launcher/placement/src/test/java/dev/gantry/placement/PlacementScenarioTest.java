package dev.gantry.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The problems users of GPU scheduling on Mesos and Spark hit, each as a scenario the engine must get right. */
class PlacementScenarioTest {
    private final Placer placer = new Placer();
    private static final ClusterState NOW = ClusterState.empty(1_000);

    private static OfferView offer(String agent, double cpus, double mem, int gpus, Map<String, String> attributes) {
        return new OfferView("offer-" + agent, agent, agent + ".example", "*",
                List.of(OfferedResources.unreserved(new Amounts(cpus, mem, gpus))), attributes);
    }

    private static OfferView offer(String agent, double cpus, double mem, int gpus) {
        return offer(agent, cpus, mem, gpus, Map.of());
    }

    /** Applies a plan to the offers: what each agent has left for the next job. */
    private static List<OfferView> remaining(List<OfferView> offers, Plan plan) {
        List<OfferView> next = new ArrayList<>();
        for (OfferView offer : offers) {
            Amounts left = offer.total();
            for (AgentLaunch launch : plan.launches()) {
                if (launch.offerIds().contains(offer.offerId())) {
                    for (ExecutorAllocation executor : launch.executors()) {
                        left = left.minus(executor.total());
                    }
                }
            }
            next.add(new OfferView(offer.offerId(), offer.agentId(), offer.hostname(), offer.role(),
                    List.of(OfferedResources.unreserved(left)), offer.attributes()));
        }
        return next;
    }

    private static Map<String, Integer> executorsPerAgent(Plan plan) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (AgentLaunch launch : plan.launches()) {
            counts.merge(launch.agentId(), launch.executors().size(), Integer::sum);
        }
        return counts;
    }

    @Test
    void oneGpuExecutorsDoNotStrandALaterFourGpuExecutor() {
        List<OfferView> cluster = List.of(offer("a", 16, 65536, 4), offer("b", 16, 65536, 4));
        Plan small = placer.plan(cluster, Demand.of(new ExecutorShape(1, 4096, 1), 4), NOW);
        assertThat(executorsPerAgent(small)).containsExactly(Map.entry("a", 4));
        Plan large = placer.plan(remaining(cluster, small), Demand.of(new ExecutorShape(4, 16384, 4), 1), NOW);
        assertThat(large.executorCount()).isEqualTo(1);
        assertThat(large.launches().get(0).agentId()).isEqualTo("b");

        // The contrast: spreading the small executors leaves no agent with four free GPUs.
        Plan spread = placer.plan(cluster, Demand.of(new ExecutorShape(1, 4096, 1), 4).withPolicy(PlacementPolicy.SPREAD),
                NOW);
        spread = placer.plan(cluster, Demand.of(new ExecutorShape(1, 4096, 1), 4).withPolicy(PlacementPolicy.SPREAD),
                new ClusterState(executorsPerAgent(spread), Map.of(), Amounts.ZERO, 0, false, 1_000, -1));
        assertThat(placer.plan(remaining(remaining(cluster, spread), spread),
                Demand.of(new ExecutorShape(4, 16384, 4), 1), NOW).executorCount()).isZero();
    }

    @Test
    void binpackFillsThePartlyUsedAgentBeforeAWholeOne() {
        List<OfferView> cluster = List.of(offer("whole", 96, 1_000_000, 8), offer("partly-used", 96, 1_000_000, 3));
        Plan plan = placer.plan(cluster, Demand.of(new ExecutorShape(8, 32768, 1), 3), NOW);
        assertThat(executorsPerAgent(plan)).containsExactly(Map.entry("partly-used", 3));
        assertThat(plan.declines()).singleElement()
                .satisfies(d -> assertThat(d.offerId()).isEqualTo("offer-whole"))
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DeclineReason.DEMAND_SATISFIED));
    }

    @Test
    void binpackDoesNotStrandGpusOnAnAgentItWouldStarveOfMemory() {
        // Same free GPUs on both; on "tight" a second executor would find too little memory, so its
        // last GPU would be stranded. "roomy" keeps every GPU usable, so it goes first.
        List<OfferView> cluster = List.of(offer("tight", 8, 65536, 2), offer("roomy", 64, 524288, 2));
        Plan two = placer.plan(cluster, Demand.of(new ExecutorShape(4, 49152, 1), 2), NOW);
        assertThat(executorsPerAgent(two)).containsExactly(Map.entry("roomy", 2));
        assertThat(PlacementPolicy.gpusStrandedBy(new ExecutorShape(4, 49152, 1), new Amounts(8, 65536, 2))).isEqualTo(1);
        assertThat(PlacementPolicy.gpusStrandedBy(new ExecutorShape(4, 49152, 1), new Amounts(64, 524288, 2))).isZero();
        // When stranding cannot be avoided, the executor still runs.
        assertThat(placer.plan(cluster, Demand.of(new ExecutorShape(4, 49152, 1), 3), NOW).executorCount()).isEqualTo(3);
    }

    @Test
    void cpuWorkOverflowingOntoGpuAgentsGoesWhereItLeavesGpusUsable() {
        // "busy-gpus" has CPUs to spare for its one free GPU; "starved" would keep two GPUs and
        // almost no CPUs; "idle-gpus" would give up CPUs that eight GPUs need.
        List<OfferView> cluster = List.of(offer("idle-gpus", 96, 1_000_000, 8), offer("busy-gpus", 40, 262144, 1),
                offer("starved", 10, 262144, 2), offer("cpu-full", 2, 4096, 0));
        Plan plan = placer.plan(cluster, Demand.of(new ExecutorShape(8, 32768, 0), 1), NOW);
        assertThat(executorsPerAgent(plan)).containsExactly(Map.entry("busy-gpus", 1));
        Plan two = placer.plan(cluster, Demand.of(new ExecutorShape(8, 32768, 0), 4), NOW);
        assertThat(executorsPerAgent(two)).doesNotContainKey("starved");
    }

    @Test
    void cpuOnlyExecutorsStayOffGpuAgents() {
        List<OfferView> cluster = List.of(offer("gpu-1", 64, 262144, 8), offer("gpu-2", 64, 262144, 8),
                offer("cpu-1", 16, 65536, 0), offer("cpu-2", 16, 65536, 0));
        Plan plan = placer.plan(cluster, Demand.of(new ExecutorShape(4, 8192, 0), 6), NOW);
        assertThat(executorsPerAgent(plan)).containsExactly(Map.entry("cpu-1", 3), Map.entry("cpu-2", 3));
        assertThat(plan.declines()).filteredOn(d -> d.offerId().startsWith("offer-gpu"))
                .hasSize(2).allMatch(d -> d.reason() == DeclineReason.GPU_AGENT_KEPT_FOR_GPU_WORK);
    }

    @Test
    void cpuOnlyExecutorsUseGpuAgentsOnlyWhenNothingElseFitsOrWhenAllowed() {
        List<OfferView> cluster = List.of(offer("gpu", 64, 262144, 8), offer("cpu", 8, 65536, 0));
        Demand twoBig = Demand.of(new ExecutorShape(8, 8192, 0), 2);
        assertThat(executorsPerAgent(placer.plan(cluster, twoBig, NOW)))
                .containsExactly(Map.entry("cpu", 1), Map.entry("gpu", 1));
        Plan never = placer.plan(cluster, twoBig.withGpuAgentUse(GpuAgentUse.NEVER), NOW);
        assertThat(executorsPerAgent(never)).containsExactly(Map.entry("cpu", 1));
        assertThat(never.declines()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DeclineReason.GPU_AGENT_KEPT_FOR_GPU_WORK));
        Plan oneFits = placer.plan(cluster, Demand.of(new ExecutorShape(8, 8192, 0), 1), NOW);
        assertThat(oneFits.declines()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DeclineReason.GPU_AGENT_KEPT_FOR_GPU_WORK));
        assertThat(executorsPerAgent(placer.plan(cluster, Demand.of(new ExecutorShape(1, 1024, 0), 9)
                .withGpuAgentUse(GpuAgentUse.ALWAYS), NOW))).containsOnlyKeys("cpu", "gpu");
    }

    @Test
    void gpusMaxWithOneGpuPerExecutorYieldsExactlyThatManyOneGpuExecutors() {
        List<OfferView> cluster = List.of(offer("a", 96, 1_000_000, 8), offer("b", 96, 1_000_000, 8));
        Demand demand = Demand.of(new ExecutorShape(4, 16384, 1), 100).withCaps(Double.POSITIVE_INFINITY, 5);
        Plan plan = placer.plan(cluster, demand, NOW);
        assertThat(plan.executorCount()).isEqualTo(5);
        for (AgentLaunch launch : plan.launches()) {
            assertThat(launch.executors()).allMatch(e -> e.total().gpus() == 1);
        }
        // Once five GPUs are held, the cap is reached: nothing more, and the job suppresses offers.
        ClusterState holding = new ClusterState(Map.of("a", 5), Map.of(), new Amounts(20, 81920, 5), 5, false, 2_000, -1);
        Plan after = placer.plan(cluster, demand, holding);
        assertThat(after.executorCount()).isZero();
        assertThat(after.roleAction()).isEqualTo(RoleAction.SUPPRESS);
        assertThat(after.declines()).allMatch(d -> d.reason() == DeclineReason.DEMAND_SATISFIED);
    }

    @Test
    void coresMaxCapsExecutorsAsSparkDoes() {
        Plan plan = placer.plan(List.of(offer("a", 96, 1_000_000, 0)),
                Demand.of(new ExecutorShape(4, 4096, 0), 100).withCaps(10, Integer.MAX_VALUE), NOW);
        assertThat(plan.executorCount()).isEqualTo(2);
    }

    @Test
    void aMultiGpuExecutorNeverSpansAgents() {
        List<OfferView> cluster = List.of(offer("a", 32, 131072, 2), offer("b", 32, 131072, 2));
        Plan plan = placer.plan(cluster, Demand.of(new ExecutorShape(4, 8192, 4), 1), NOW);
        assertThat(plan.launches()).isEmpty();
        assertThat(plan.declines()).hasSize(2).allMatch(d -> d.reason() == DeclineReason.NOTHING_FITS
                && d.refuseSeconds() == DeclineDurations.DEFAULT.nothingFits());
    }

    @Test
    void agentsWithTwoRecentExecutorFailuresGetNoExecutors() {
        List<OfferView> cluster = List.of(offer("flaky", 32, 131072, 8), offer("healthy", 32, 131072, 8));
        ClusterState state = new ClusterState(Map.of(), Map.of("flaky", 2), Amounts.ZERO, 0, false, 1_000, -1);
        Plan plan = placer.plan(cluster, Demand.of(new ExecutorShape(1, 1024, 1), 4), state);
        assertThat(executorsPerAgent(plan)).containsExactly(Map.entry("healthy", 4));
        assertThat(plan.declines()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeclineReason.AGENT_FAILING);
            assertThat(d.refuseSeconds()).isEqualTo(120);
        });
        ClusterState once = new ClusterState(Map.of(), Map.of("flaky", 1), Amounts.ZERO, 0, false, 1_000, -1);
        assertThat(placer.plan(cluster, Demand.of(new ExecutorShape(1, 1024, 1), 12), once).executorCount())
                .isEqualTo(12);
    }

    @Test
    void constraintsPickGpuModelAndMemory() {
        List<OfferView> cluster = List.of(
                offer("h100", 96, 1_000_000, 8, Map.of("gpu_model", "H100", "gpu_memory_mb", "81920")),
                offer("a100-40", 96, 1_000_000, 8, Map.of("gpu_model", "A100", "gpu_memory_mb", "40960")),
                offer("plain", 96, 1_000_000, 0, Map.of()));
        Demand demand = Demand.of(new ExecutorShape(4, 8192, 1), 2);
        Plan h100 = placer.plan(cluster, demand.withConstraints(List.of(AttributeConstraint.oneOf("gpu_model", "H100"))),
                NOW);
        assertThat(executorsPerAgent(h100)).containsOnlyKeys("h100");
        assertThat(h100.declines()).filteredOn(d -> d.reason() == DeclineReason.UNMET_CONSTRAINTS).hasSize(2)
                .allMatch(d -> d.refuseSeconds() == 120);
        assertThat(h100.constraintShortfall()).as("an agent met them").isEmpty();
        Plan bigMemory = placer.plan(cluster, demand.withConstraints(List.of(
                AttributeConstraint.oneOf("gpu_model", "A100", "H100"),
                AttributeConstraint.oneOf("gpu_memory_mb", "65536"))), NOW);
        assertThat(executorsPerAgent(bigMemory)).containsOnlyKeys("h100");
        Plan anyModel = placer.plan(cluster, demand.withConstraints(List.of(AttributeConstraint.present("gpu_model"))),
                NOW);
        assertThat(executorsPerAgent(anyModel)).doesNotContainKey("plain");
    }

    @Test
    void aRoundThatPlacesNothingForItsConstraintsSaysWhichConstraintNoAgentMet() {
        List<OfferView> cluster = List.of(
                offer("a100-1", 96, 1_000_000, 8, Map.of("gpu_model", "A100", "gpu_memory_mb", "40960")),
                offer("a100-2", 96, 1_000_000, 8, Map.of("gpu_model", "A100", "gpu_memory_mb", "81920")),
                offer("plain", 96, 1_000_000, 0, Map.of()));
        AttributeConstraint h100 = AttributeConstraint.oneOf("gpu_model", "H100");
        AttributeConstraint memory = AttributeConstraint.oneOf("gpu_memory_mb", "65536");
        Plan plan = placer.plan(cluster, Demand.of(new ExecutorShape(4, 8192, 1), 2)
                .withConstraints(List.of(h100, memory)), NOW);

        assertThat(plan.launches()).isEmpty();
        ConstraintShortfall shortfall = plan.constraintShortfall().orElseThrow();
        assertThat(shortfall.metByNone()).containsExactly(h100);
        assertThat(shortfall.agents()).extracting(ConstraintShortfall.AgentFailures::agentId)
                .containsExactly("a100-1", "a100-2", "plain");
        assertThat(shortfall.describe("agent offered")).isEqualTo("no agent offered meets the constraint gpu_model is"
                + " H100 (agent a100-1 on a100-1.example: attribute gpu_model is A100, the job wants H100 and attribute"
                + " gpu_memory_mb is 40960, the job wants at least 65536; agent a100-2 on a100-2.example: attribute"
                + " gpu_model is A100, the job wants H100; agent plain on plain.example: no attribute gpu_model, the job"
                + " wants H100 and no attribute gpu_memory_mb, the job wants at least 65536)");
    }

    @Test
    void agentsThatEachMeetSomeConstraintsButNoneAllAreNamedWithWhatTheyLack() {
        List<OfferView> cluster = List.of(
                offer("h100", 96, 1_000_000, 8, Map.of("gpu_model", "H100", "rack", "a")),
                offer("a100", 96, 1_000_000, 8, Map.of("gpu_model", "A100", "rack", "b")));
        Plan plan = placer.plan(cluster, Demand.of(new ExecutorShape(4, 8192, 1), 1).withConstraints(List.of(
                AttributeConstraint.oneOf("gpu_model", "H100"), AttributeConstraint.oneOf("rack", "b"))), NOW);
        ConstraintShortfall shortfall = plan.constraintShortfall().orElseThrow();
        assertThat(shortfall.metByNone()).isEmpty();
        assertThat(shortfall.describe("agent offered")).isEqualTo("no agent offered meets all of the constraints"
                + " gpu_model is H100, rack is b (agent a100 on a100.example: attribute gpu_model is A100, the job wants"
                + " H100; agent h100 on h100.example: attribute rack is a, the job wants b)");
    }

    @Test
    void manyAgentsWithTheSameReasonAreCountedNotListed() {
        List<OfferView> cluster = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cluster.add(offer("a" + i, 8, 65536, 1, Map.of("gpu_model", "A100")));
        }
        Plan plan = placer.plan(cluster, Demand.of(new ExecutorShape(1, 1024, 1), 1)
                .withConstraints(List.of(AttributeConstraint.oneOf("gpu_model", "H100", "H200"))), NOW);
        assertThat(plan.constraintShortfall().orElseThrow().describe("agent of mesos://m:5050")).isEqualTo(
                "no agent of mesos://m:5050 meets the constraint gpu_model is H100 or H200 (agents a0 on a0.example,"
                        + " a1 on a1.example, a2 on a2.example and 2 more: attribute gpu_model is A100, the job wants"
                        + " H100 or H200)");
    }

    @Test
    void failingAgentsAreNotJudgedAndSatisfiedDemandJudgesNone() {
        List<OfferView> cluster = List.of(offer("flaky", 8, 65536, 1, Map.of("gpu_model", "A100")),
                offer("good", 8, 65536, 1, Map.of("gpu_model", "A100")));
        Demand demand = Demand.of(new ExecutorShape(1, 1024, 1), 1)
                .withConstraints(List.of(AttributeConstraint.oneOf("gpu_model", "H100")));
        ClusterState flaky = new ClusterState(Map.of(), Map.of("flaky", ClusterState.MAX_AGENT_FAILURES), Amounts.ZERO,
                0, false, 1_000, -1);
        assertThat(placer.plan(cluster, demand, flaky).constraintShortfall().orElseThrow().agents())
                .extracting(ConstraintShortfall.AgentFailures::agentId).containsExactly("good");
        ClusterState satisfied = new ClusterState(Map.of(), Map.of(), Amounts.ZERO, 1, false, 1_000, -1);
        assertThat(placer.plan(cluster, demand, satisfied).constraintShortfall()).isEmpty();
    }

    @Test
    void attributeConstraintsSayWhatTheyAsk() {
        assertThat(AttributeConstraint.oneOf("gpu_model", "H100").describe()).isEqualTo("gpu_model is H100");
        assertThat(AttributeConstraint.oneOf("gpu_model", "A100", "H100", "A100").values()).containsExactly("A100", "H100");
        assertThat(AttributeConstraint.oneOf("gpu_memory_mb", "40960").describe())
                .isEqualTo("gpu_memory_mb is at least 40960");
        assertThat(AttributeConstraint.present("rack").describe()).isEqualTo("rack is set");
        Candidate noRack = Candidate.of("s1", "h1", Map.of(), Amounts.ZERO, 0);
        assertThat(AttributeConstraint.present("rack").check(noRack).reason())
                .isEqualTo("no attribute rack, the job wants any value");
        assertThatThrownBy(() -> AttributeConstraint.oneOf("gpu_model")).hasMessageContaining("no values");
        assertThatThrownBy(() -> AttributeConstraint.present(" ")).hasMessageContaining("attribute name");
    }

    @Test
    void aGangWaitsWithItsOffersThenDeclinesThemAllAfterItsTimeout() {
        List<OfferView> cluster = List.of(offer("a", 96, 1_000_000, 8), offer("b", 96, 1_000_000, 8));
        Demand gang = Demand.of(new ExecutorShape(8, 65536, 8), 3).withGang(new Gang(60_000));
        Plan first = placer.plan(cluster, gang, ClusterState.empty(1_000));
        assertThat(first.launches()).isEmpty();
        assertThat(first.heldOfferIds()).containsExactly("offer-a", "offer-b");
        assertThat(first.gangWaitingSinceMillis()).isEqualTo(1_000);

        ClusterState waiting = new ClusterState(Map.of(), Map.of(), Amounts.ZERO, 0, false, 60_999, 1_000);
        assertThat(placer.plan(cluster, gang, waiting).heldOfferIds()).hasSize(2);

        ClusterState expired = new ClusterState(Map.of(), Map.of(), Amounts.ZERO, 0, false, 61_000, 1_000);
        Plan timedOut = placer.plan(cluster, gang, expired);
        assertThat(timedOut.heldOfferIds()).isEmpty();
        assertThat(timedOut.declines()).hasSize(2).allMatch(d -> d.reason() == DeclineReason.GANG_TIMED_OUT
                && d.refuseSeconds() == DeclineDurations.DEFAULT.gangTimedOut());
        assertThat(timedOut.gangWaitingSinceMillis()).isEqualTo(-1);

        List<OfferView> more = new ArrayList<>(cluster);
        more.add(offer("c", 96, 1_000_000, 8));
        Plan whole = placer.plan(more, gang, waiting);
        assertThat(executorsPerAgent(whole)).containsExactly(Map.entry("a", 1), Map.entry("b", 1), Map.entry("c", 1));
        assertThat(whole.gangWaitingSinceMillis()).isEqualTo(-1);
    }

    @Test
    void aSatisfiedJobSuppressesAndANeedyOneRevives() {
        List<OfferView> cluster = List.of(offer("a", 8, 8192, 0));
        ClusterState full = new ClusterState(Map.of("a", 2), Map.of(), new Amounts(2, 2048, 0), 2, false, 0, -1);
        assertThat(placer.plan(cluster, Demand.of(new ExecutorShape(1, 1024, 0), 2), full).roleAction())
                .isEqualTo(RoleAction.SUPPRESS);
        ClusterState suppressed = new ClusterState(Map.of("a", 2), Map.of(), new Amounts(2, 2048, 0), 2, true, 0, -1);
        assertThat(placer.plan(List.of(), Demand.of(new ExecutorShape(1, 1024, 0), 2), suppressed).roleAction())
                .isEqualTo(RoleAction.NONE);
        Plan scaleUp = placer.plan(List.of(), Demand.of(new ExecutorShape(1, 1024, 0), 3), suppressed);
        assertThat(scaleUp.roleAction()).isEqualTo(RoleAction.REVIVE);
    }

    @Test
    void spreadGivesEachAgentOneExecutorPerPassStartingWithTheLeastLoaded() {
        List<OfferView> cluster = List.of(offer("a", 32, 65536, 0), offer("b", 32, 65536, 0), offer("c", 32, 65536, 0));
        ClusterState state = new ClusterState(Map.of("a", 3, "b", 1), Map.of(), Amounts.ZERO, 4, false, 0, -1);
        // Two more executors go to the agents holding fewest, c (0) then b (1).
        Plan two = placer.plan(cluster, Demand.of(new ExecutorShape(2, 2048, 0), 6), state);
        assertThat(executorsPerAgent(two)).containsExactly(Map.entry("b", 1), Map.entry("c", 1));
        // Eight more level the three agents out: 3 + 1, 1 + 3, 0 + 4.
        Plan eight = placer.plan(cluster, Demand.of(new ExecutorShape(2, 2048, 0), 12), state);
        assertThat(executorsPerAgent(eight)).containsExactly(Map.entry("a", 1), Map.entry("b", 3), Map.entry("c", 4));
    }

    @Test
    void reservedResourcesGoFirstAndRevocableOnlyWhenAllowed() {
        OfferView mixed = new OfferView("o", "a", "a.example", "ml", List.of(
                new OfferedResources("*", false, new Amounts(8, 8192, 2)),
                new OfferedResources("ml", false, new Amounts(2, 2048, 1)),
                new OfferedResources("*", true, new Amounts(16, 16384, 0))), Map.of());
        Plan plan = placer.plan(List.of(mixed), Demand.of(new ExecutorShape(3, 3072, 2), 1), NOW);
        List<ResourceSlice> slices = plan.launches().get(0).executors().get(0).slices();
        assertThat(slices).containsExactly(
                new ResourceSlice("cpus", "ml", false, 2), new ResourceSlice("cpus", "*", false, 1),
                new ResourceSlice("mem", "ml", false, 2048), new ResourceSlice("mem", "*", false, 1024),
                new ResourceSlice("gpus", "ml", false, 1), new ResourceSlice("gpus", "*", false, 1));

        Demand big = Demand.of(new ExecutorShape(20, 4096, 0), 1);
        assertThat(placer.plan(List.of(mixed), big, NOW).executorCount()).isZero();
        Plan revocable = placer.plan(List.of(mixed), big.withRevocable(true), NOW);
        assertThat(revocable.executorCount()).isEqualTo(1);
        assertThat(revocable.launches().get(0).executors().get(0).slices())
                .anyMatch(s -> s.revocable() && s.name().equals("cpus"));
    }
}
