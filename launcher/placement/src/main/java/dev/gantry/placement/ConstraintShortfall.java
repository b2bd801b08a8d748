package dev.gantry.placement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why no agent meets a job's constraints: the constraints that no agent met, and each agent's
 * failed constraints with the reasons they gave, as Fenzo names the evaluators a host failed.
 * {@link Placer} reports one for a round in which every agent it judged failed the constraints;
 * a check before a job starts can make one of the whole cluster with {@link #of}.
 *
 * @param metByNone the constraints every agent failed; empty when each was met by some agent, but
 *                  never all of them by one
 * @param agents    each agent judged, once, with the constraints it failed
 */
public record ConstraintShortfall(List<AgentConstraint> metByNone, List<AgentFailures> agents) {
    /** How many agents a message names for one reason before it counts the rest. */
    private static final int AGENTS_NAMED = 3;

    /** One agent's failed constraints, each with its reason. */
    public record AgentFailures(String agentId, String hostname, List<ConstraintResult> failed) {
        public AgentFailures {
            failed = List.copyOf(failed);
            if (failed.isEmpty() || failed.stream().anyMatch(ConstraintResult::met)) {
                throw new IllegalArgumentException("agent " + agentId + " must fail at least one constraint, and"
                        + " list only those it fails");
            }
        }
    }

    public ConstraintShortfall {
        metByNone = List.copyOf(metByNone);
        agents = List.copyOf(agents);
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("a shortfall needs the agents that failed");
        }
    }

    /** The constraints {@code agent} fails, each with its reason; empty when it meets them all. */
    public static List<ConstraintResult> failures(List<AgentConstraint> constraints, Candidate agent) {
        List<ConstraintResult> failed = new ArrayList<>();
        for (AgentConstraint constraint : constraints) {
            ConstraintResult result = constraint.check(agent);
            if (!result.met()) {
                failed.add(result);
            }
        }
        return failed;
    }

    /**
     * Why none of {@code agents} meets {@code constraints}; empty when one does, or when there are
     * no agents or no constraints.
     */
    public static Optional<ConstraintShortfall> of(List<AgentConstraint> constraints,
                                                   List<? extends Candidate> agents) {
        List<AgentFailures> failing = new ArrayList<>(agents.size());
        for (Candidate agent : agents) {
            List<ConstraintResult> failed = failures(constraints, agent);
            if (failed.isEmpty()) {
                return Optional.empty();
            }
            failing.add(new AgentFailures(agent.agentId(), agent.hostname(), failed));
        }
        return failing.isEmpty() ? Optional.empty() : Optional.of(from(constraints, failing));
    }

    /** The shortfall of agents that each failed some constraint; an agent listed twice counts once. */
    static ConstraintShortfall from(List<AgentConstraint> constraints, List<AgentFailures> failing) {
        Map<String, AgentFailures> once = new LinkedHashMap<>();
        for (AgentFailures agent : failing) {
            once.putIfAbsent(agent.agentId(), agent);
        }
        List<AgentConstraint> metByNone = new ArrayList<>();
        for (AgentConstraint constraint : constraints) {
            boolean failedByAll = true;
            for (AgentFailures agent : once.values()) {
                failedByAll &= agent.failed().stream().anyMatch(r -> r.constraint().equals(constraint));
            }
            if (failedByAll) {
                metByNone.add(constraint);
            }
        }
        return new ConstraintShortfall(metByNone, new ArrayList<>(once.values()));
    }

    /**
     * One line for people: which constraint no agent met, then the agents grouped by what they
     * have instead, e.g. {@code no agent offered meets gpu_model is H100 (agents S1 on gpu-1, S2 on
     * gpu-2: attribute gpu_model is A100, the job wants H100)}.
     *
     * @param which the agents judged, as the sentence names them: "agent offered", "agent of mesos://m:5050"
     */
    public String describe(String which) {
        StringBuilder line = new StringBuilder("no ").append(which).append(" meets ");
        if (metByNone.isEmpty()) {
            List<String> all = new ArrayList<>();
            for (AgentFailures agent : agents) {
                for (ConstraintResult result : agent.failed()) {
                    String text = result.constraint().describe();
                    if (!all.contains(text)) {
                        all.add(text);
                    }
                }
            }
            line.append("all of the constraints ").append(String.join(", ", all));
        } else {
            List<String> each = new ArrayList<>();
            for (AgentConstraint constraint : metByNone) {
                each.add("the constraint " + constraint.describe());
            }
            line.append(String.join(", nor ", each));
        }
        Map<String, List<AgentFailures>> byReason = new LinkedHashMap<>();
        for (AgentFailures agent : agents) {
            List<String> reasons = new ArrayList<>();
            agent.failed().forEach(r -> reasons.add(r.reason()));
            byReason.computeIfAbsent(String.join(" and ", reasons), k -> new ArrayList<>()).add(agent);
        }
        List<String> groups = new ArrayList<>();
        byReason.forEach((reason, group) -> groups.add(names(group) + ": " + reason));
        return line.append(" (").append(String.join("; ", groups)).append(')').toString();
    }

    private static String names(List<AgentFailures> group) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.min(AGENTS_NAMED, group.size()); i++) {
            AgentFailures agent = group.get(i);
            boolean host = agent.hostname() != null && !agent.hostname().isEmpty()
                    && !agent.hostname().equals(agent.agentId());
            names.add(agent.agentId() + (host ? " on " + agent.hostname() : ""));
        }
        String more = group.size() > AGENTS_NAMED ? " and " + (group.size() - AGENTS_NAMED) + " more" : "";
        return (group.size() == 1 ? "agent " : "agents ") + String.join(", ", names) + more;
    }
}
