package dev.gantry.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random but well-formed placement inputs: offers with reserved and revocable parts, demands, states. */
final class PlacementArbitraries {
    private PlacementArbitraries() {}

    static Arbitrary<Amounts> amounts() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 64).map(n -> n / 2.0),
                Arbitraries.integers().between(0, 64).map(n -> n * 512.0),
                Arbitraries.integers().between(0, 8)).as(Amounts::new);
    }

    static Arbitrary<OfferedResources> part() {
        return Combinators.combine(Arbitraries.of("*", "*", "ml"), Arbitraries.of(false, false, true), amounts())
                .as(OfferedResources::new);
    }

    /** Offers on up to 12 agents, some agents with two offers, attributes from a small vocabulary. */
    static Arbitrary<List<OfferView>> offers() {
        Arbitrary<Map<String, String>> attributes = Combinators.combine(
                Arbitraries.of("H100", "A100", "none"), Arbitraries.of("81920", "40960"))
                .as((model, memory) -> model.equals("none") ? Map.of("rack", "r1")
                        : Map.of("gpu_model", model, "gpu_memory_mb", memory));
        Arbitrary<List<OfferedResources>> parts = part().list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(Arbitraries.integers().between(0, 12), parts.list().ofSize(24),
                attributes.list().ofSize(12), Arbitraries.of("*", "ml").list().ofSize(24))
                .as((agents, partLists, attrs, roles) -> {
                    List<OfferView> offers = new ArrayList<>();
                    int next = 0;
                    for (int a = 0; a < agents; a++) {
                        int count = a % 3 == 0 ? 2 : 1;
                        for (int o = 0; o < count; o++) {
                            offers.add(new OfferView("o" + next, "agent-" + a, "host-" + a, roles.get(next),
                                    partLists.get(next), attrs.get(a)));
                            next++;
                        }
                    }
                    return offers;
                });
    }

    static Arbitrary<Demand> demands() {
        Arbitrary<ExecutorShape> shape = Combinators.combine(
                Arbitraries.of(0.5, 1.0, 2.0, 4.0), Arbitraries.of(256.0, 1024.0, 4096.0), Arbitraries.integers().between(0, 4))
                .as(ExecutorShape::new);
        Arbitrary<Double> cores = Arbitraries.of(Double.POSITIVE_INFINITY, 4.0, 10.0, 32.0);
        Arbitrary<Integer> gpus = Arbitraries.of(Integer.MAX_VALUE, 1, 3, 8);
        Arbitrary<PlacementPolicy> policy = Arbitraries.of(PlacementPolicy.BINPACK, PlacementPolicy.SPREAD).injectNull(0.4);
        Arbitrary<Gang> gang = Arbitraries.longs().between(0, 10_000).map(Gang::new).injectNull(0.6);
        Arbitrary<List<AgentConstraint>> constraints = constraints();
        return Combinators.combine(shape, Arbitraries.integers().between(0, 24), cores, gpus, constraints, policy, gang,
                Arbitraries.of(GpuAgentUse.values()))
                .as((s, target, c, g, cs, p, gg, use) -> new Demand(s, target, c, g, cs, p, gg, use,
                        target % 2 == 0, DeclineDurations.DEFAULT));
    }

    /** Constraints over the attributes {@link #offers()} gives agents: none, one, or several. */
    static Arbitrary<List<AgentConstraint>> constraints() {
        return Arbitraries.of(
                List.<AgentConstraint>of(),
                List.<AgentConstraint>of(AttributeConstraint.oneOf("gpu_model", "H100")),
                List.<AgentConstraint>of(AttributeConstraint.oneOf("gpu_memory_mb", "50000")),
                List.<AgentConstraint>of(AttributeConstraint.oneOf("gpu_model", "A100", "H100"),
                        AttributeConstraint.present("gpu_memory_mb")),
                List.<AgentConstraint>of(AttributeConstraint.present("rack")),
                List.<AgentConstraint>of(AttributeConstraint.oneOf("gpu_model", "H100"),
                        AttributeConstraint.oneOf("gpu_memory_mb", "50000")),
                List.<AgentConstraint>of(AttributeConstraint.oneOf("gpu_model", "V100")));
    }

    static Arbitrary<ClusterState> states() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 4).list().ofSize(12),
                Arbitraries.integers().between(0, 3).list().ofSize(12),
                amounts(), Arbitraries.integers().between(0, 6), Arbitraries.of(false, true),
                Arbitraries.longs().between(0, 100_000), Arbitraries.longs().between(-1, 100_000))
                .as((executors, failures, held, running, suppressed, now, since) -> {
                    Map<String, Integer> perAgent = new HashMap<>();
                    Map<String, Integer> failing = new HashMap<>();
                    for (int a = 0; a < 12; a++) {
                        perAgent.put("agent-" + a, executors.get(a));
                        failing.put("agent-" + a, failures.get(a));
                    }
                    return new ClusterState(perAgent, failing, held, running, suppressed, now,
                            since > now ? -1 : since);
                });
    }
}
