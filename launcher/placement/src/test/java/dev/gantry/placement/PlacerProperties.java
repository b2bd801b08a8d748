package dev.gantry.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PlacerProperties {
    private final Placer placer = new Placer();

    @Provide
    Arbitrary<List<OfferView>> offers() {
        return PlacementArbitraries.offers();
    }

    @Provide
    Arbitrary<Demand> demands() {
        return PlacementArbitraries.demands();
    }

    @Provide
    Arbitrary<ClusterState> states() {
        return PlacementArbitraries.states();
    }

    /** No part of any offer is ever given out beyond what it holds; so no GPU is ever given twice. */
    @Property(tries = 500)
    void noOfferIsOverCommitted(@ForAll("offers") List<OfferView> offers, @ForAll("demands") Demand demand,
                                @ForAll("states") ClusterState state) {
        Plan plan = placer.plan(offers, demand, state);
        for (AgentLaunch launch : plan.launches()) {
            Map<String, Double> offered = new HashMap<>();
            for (OfferView offer : offers) {
                if (launch.offerIds().contains(offer.offerId())) {
                    assertThat(offer.agentId()).isEqualTo(launch.agentId());
                    assertThat(offer.role()).isEqualTo(launch.role());
                    for (OfferedResources part : offer.resources()) {
                        offered.merge(key("cpus", part), part.amounts().cpus(), Double::sum);
                        offered.merge(key("mem", part), part.amounts().memMb(), Double::sum);
                        offered.merge(key("gpus", part), (double) part.amounts().gpus(), Double::sum);
                    }
                }
            }
            Map<String, Double> taken = new HashMap<>();
            for (ExecutorAllocation executor : launch.executors()) {
                for (ResourceSlice slice : executor.slices()) {
                    assertThat(slice.amount()).isPositive();
                    taken.merge(slice.name() + "/" + slice.reservationRole() + "/" + slice.revocable(), slice.amount(),
                            Double::sum);
                }
            }
            taken.forEach((k, amount) -> assertThat(amount).as(k).isLessThanOrEqualTo(offered.getOrDefault(k, 0.0) + 1e-6));
        }
    }

    @Property(tries = 500)
    void everyExecutorGetsExactlyItsShape(@ForAll("offers") List<OfferView> offers, @ForAll("demands") Demand demand,
                                          @ForAll("states") ClusterState state) {
        Plan plan = placer.plan(offers, demand, state);
        for (AgentLaunch launch : plan.launches()) {
            for (ExecutorAllocation executor : launch.executors()) {
                Amounts total = executor.total();
                assertThat(total.cpus()).isCloseTo(demand.shape().cpus(), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(total.memMb()).isCloseTo(demand.shape().memMb(), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(total.gpus()).isEqualTo(demand.shape().gpus());
                if (!demand.useRevocable()) {
                    assertThat(executor.slices()).noneMatch(ResourceSlice::revocable);
                }
            }
        }
    }

    @Property(tries = 500)
    void targetAndCapsHold(@ForAll("offers") List<OfferView> offers, @ForAll("demands") Demand demand,
                           @ForAll("states") ClusterState state) {
        Plan plan = placer.plan(offers, demand, state);
        int placed = plan.executorCount();
        ExecutorShape shape = demand.shape();
        assertThat(state.executors() + placed).isLessThanOrEqualTo(Math.max(state.executors(), demand.targetExecutors()));
        if (placed > 0) {
            assertThat(state.held().cpus() + placed * shape.cpus()).isLessThanOrEqualTo(demand.coresMax() + 1e-6);
        }
        // spark.mesos.gpus.max caps the GPUs a job acquires; CPU-only executors acquire none.
        if (placed > 0 && shape.usesGpus()) {
            assertThat((long) state.held().gpus() + (long) placed * shape.gpus()).isLessThanOrEqualTo(demand.gpusMax());
        }
    }

    @Property(tries = 500)
    void aGangIsAllOrNothing(@ForAll("offers") List<OfferView> offers, @ForAll("demands") Demand demand,
                             @ForAll("states") ClusterState state) {
        Plan plan = placer.plan(offers, demand, state);
        if (demand.gang() != null) {
            assertThat(plan.executorCount()).isIn(0, Placer.executorsNeeded(demand, state));
        } else {
            assertThat(plan.heldOfferIds()).isEmpty();
        }
    }

    /** Every offer is accounted for once: launched, declined or held. */
    @Property(tries = 500)
    void everyOfferIsAnsweredOnce(@ForAll("offers") List<OfferView> offers, @ForAll("demands") Demand demand,
                                  @ForAll("states") ClusterState state) {
        Plan plan = placer.plan(offers, demand, state);
        List<String> answered = new ArrayList<>(plan.heldOfferIds());
        plan.launches().forEach(l -> answered.addAll(l.offerIds()));
        plan.declines().forEach(d -> answered.add(d.offerId()));
        assertThat(answered).containsExactlyInAnyOrderElementsOf(offers.stream().map(OfferView::offerId).toList());
        for (Decline decline : plan.declines()) {
            assertThat(decline.refuseSeconds()).isEqualTo(demand.declines().seconds(decline.reason()));
        }
    }

    @Property(tries = 300)
    void failingAgentsAndUnmetConstraintsGetNothing(@ForAll("offers") List<OfferView> offers,
                                                    @ForAll("demands") Demand demand,
                                                    @ForAll("states") ClusterState state) {
        Plan plan = placer.plan(offers, demand, state);
        for (AgentLaunch launch : plan.launches()) {
            assertThat(state.failing(launch.agentId())).isFalse();
            OfferView any = offers.stream().filter(o -> o.offerId().equals(launch.offerIds().get(0))).findFirst()
                    .orElseThrow();
            for (AgentConstraint constraint : demand.constraints()) {
                assertThat(constraint.admits(candidate(any))).isTrue();
            }
        }
        Set<String> agents = new HashSet<>();
        plan.launches().forEach(l -> assertThat(agents.add(l.agentId() + "/" + l.role())).isTrue());
    }

    /** The same input gives the same plan, in whatever order the offers arrive. */
    @Property(tries = 300)
    void theSameInputGivesTheSamePlan(@ForAll("offers") List<OfferView> offers, @ForAll("demands") Demand demand,
                                      @ForAll("states") ClusterState state) {
        Plan first = placer.plan(offers, demand, state);
        assertThat(placer.plan(offers, demand, state)).isEqualTo(first);
        List<OfferView> shuffled = new ArrayList<>(offers);
        Collections.shuffle(shuffled, new Random(offers.size()));
        assertThat(new Placer().plan(shuffled, demand, state)).isEqualTo(first);
    }

    /**
     * A round that judged agents and admitted none says so, naming every agent once with each
     * constraint it failed; the constraints it says no agent met were failed by every agent; and a
     * round that admitted an agent, or judged none, says nothing.
     */
    @Property(tries = 500)
    void aRoundThatAdmitsNoAgentSaysWhichConstraintNoneMet(@ForAll("offers") List<OfferView> offers,
                                                          @ForAll("demands") Demand demand,
                                                          @ForAll("states") ClusterState state) {
        Plan plan = placer.plan(offers, demand, state);
        Map<String, Candidate> judged = new java.util.TreeMap<>();
        if (Placer.executorsNeeded(demand, state) > 0) {
            offers.stream().filter(o -> !state.failing(o.agentId())).forEach(o -> judged.putIfAbsent(o.agentId(), candidate(o)));
        }
        boolean noneAdmitted = !judged.isEmpty() && judged.values().stream()
                .noneMatch(c -> demand.constraints().stream().allMatch(k -> k.admits(c)));
        assertThat(plan.constraintShortfall().isPresent()).isEqualTo(noneAdmitted);
        plan.constraintShortfall().ifPresent(shortfall -> {
            assertThat(shortfall.agents()).extracting(ConstraintShortfall.AgentFailures::agentId)
                    .containsExactlyInAnyOrderElementsOf(judged.keySet());
            for (ConstraintShortfall.AgentFailures agent : shortfall.agents()) {
                Candidate candidate = judged.get(agent.agentId());
                assertThat(agent.failed()).extracting(ConstraintResult::constraint).containsExactlyElementsOf(
                        demand.constraints().stream().filter(k -> !k.admits(candidate)).toList());
                assertThat(agent.failed().stream().map(ConstraintResult::constraint).toList())
                        .containsAll(shortfall.metByNone());
            }
            for (AgentConstraint constraint : demand.constraints()) {
                boolean failedByAll = judged.values().stream().noneMatch(constraint::admits);
                assertThat(shortfall.metByNone().contains(constraint)).as(constraint.describe()).isEqualTo(failedByAll);
            }
            String line = shortfall.describe("agent offered");
            assertThat(line).startsWith("no agent offered meets ");
            shortfall.metByNone().forEach(c -> assertThat(line).contains(c.describe()));
            assertThat(plan.executorCount()).isZero();
        });
    }

    /**
     * An attribute constraint's verdict is its own admits(), and a failure names the attribute
     * with the value the agent has (or that it has none) and what the job wants.
     */
    @Property(tries = 300)
    void aFailedConstraintSaysWhatTheAgentHas(@ForAll("offers") List<OfferView> offers,
                                              @ForAll("constraints") List<AgentConstraint> constraints) {
        for (OfferView offer : offers) {
            Candidate agent = candidate(offer);
            for (AgentConstraint constraint : constraints) {
                ConstraintResult result = constraint.check(agent);
                AttributeConstraint attribute = (AttributeConstraint) constraint;
                assertThat(result.constraint()).isSameAs(constraint);
                assertThat(result.met()).isEqualTo(constraint.admits(agent));
                String has = agent.attributes().get(attribute.name());
                if (result.met()) {
                    assertThat(has).isNotNull();
                    assertThat(result.reason()).isEmpty();
                } else if (has == null) {
                    assertThat(result.reason()).startsWith("no attribute " + attribute.name() + ", the job wants ");
                } else {
                    assertThat(result.reason()).startsWith("attribute " + attribute.name() + " is " + has
                            + ", the job wants ");
                    assertThat(attribute.values()).doesNotContain(has);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<AgentConstraint>> constraints() {
        return PlacementArbitraries.constraints();
    }

    private static String key(String name, OfferedResources part) {
        return name + "/" + part.reservationRole() + "/" + part.revocable();
    }

    private static Candidate candidate(OfferView offer) {
        return Candidate.of(offer.agentId(), offer.hostname(), offer.attributes(), offer.total(), 0);
    }
}
