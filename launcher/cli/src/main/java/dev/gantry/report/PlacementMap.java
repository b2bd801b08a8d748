package dev.gantry.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where the workers ran, as HTML: one box per agent with one slot per GPU, each slot naming the
 * worker rank that held it or "free", and the agent's CPU-only workers listed under the slots.
 * Workers whose agent the report does not know still appear, in a box per host, because a worker
 * missing from the map would look like a worker that never ran. Hand-written HTML and CSS rather
 * than a uPlot chart: it is a diagram of boxes and slots, with no axes or values to scale, which
 * no chart library draws.
 */
final class PlacementMap {
    private PlacementMap() {}

    /** One GPU of a box. More than one rank means the GPU was shared (or reported twice). */
    private static final class Slot {
        String gpu;
        final boolean beyondCount; // the agent reported fewer GPUs than its workers held
        final List<Integer> ranks = new ArrayList<>();

        Slot(String gpu, boolean beyondCount) {
            this.gpu = gpu;
            this.beyondCount = beyondCount;
        }
    }

    private static final class Box {
        final AgentInfo agent; // null for a box of workers grouped by host
        final String host;
        final List<WorkerPlacement> workers = new ArrayList<>();

        Box(AgentInfo agent, String host) {
            this.agent = agent;
            this.host = host;
        }
    }

    static String html(List<AgentInfo> agents, List<WorkerPlacement> workers) {
        StringBuilder out = new StringBuilder("<div id=\"placement-map\">\n");
        for (Box box : boxes(agents, workers)) {
            out.append(box(box));
        }
        if (agents.isEmpty() && workers.isEmpty()) {
            out.append("<p class=\"no-data\">No agents or workers were recorded.</p>\n");
        }
        return out.append("</div>\n").toString();
    }

    private static List<Box> boxes(List<AgentInfo> agents, List<WorkerPlacement> workers) {
        Map<String, Box> byAgent = new LinkedHashMap<>();
        for (AgentInfo agent : agents) {
            // Agents without an id cannot be matched by id; key them apart so that none is lost.
            String key = agent.id() == null ? "unnamed:" + byAgent.size() : "id:" + agent.id();
            byAgent.putIfAbsent(key, new Box(agent, agent.host()));
        }
        Map<String, List<Box>> agentsByHost = byAgent.values().stream()
                .collect(Collectors.groupingBy(b -> Objects.toString(b.host), LinkedHashMap::new, Collectors.toList()));
        Map<String, Box> byHost = new LinkedHashMap<>();
        List<WorkerPlacement> sorted = workers.stream().sorted(Comparator.comparingInt(WorkerPlacement::rank)).toList();
        for (WorkerPlacement worker : sorted) {
            Box box = worker.agentId() == null ? null : byAgent.get("id:" + worker.agentId());
            if (box == null && worker.agentId() == null) {
                // No agent id: the agent on the worker's host, when there is exactly one.
                List<Box> onHost = agentsByHost.getOrDefault(Objects.toString(worker.host()), List.of());
                box = onHost.size() == 1 ? onHost.get(0) : null;
            }
            if (box == null) {
                box = byHost.computeIfAbsent(Objects.toString(worker.host()), h -> new Box(null, worker.host()));
            }
            box.workers.add(worker);
        }
        List<Box> boxes = new ArrayList<>(byAgent.values());
        boxes.addAll(byHost.values());
        return boxes;
    }

    private static String box(Box box) {
        StringBuilder out = new StringBuilder();
        AgentInfo agent = box.agent;
        if (agent != null) {
            out.append("<section class=\"agent\" data-agent=\"").append(Html.escape(agent.id())).append("\">\n");
            out.append("<h3>").append(Html.orUnknown(agent.id())).append("</h3>\n");
            out.append("<p class=\"host\">").append(Html.orUnknown(agent.host())).append("</p>\n");
            out.append("<p class=\"gpu-model\">").append(gpuSummary(agent)).append("</p>\n");
        } else {
            out.append("<section class=\"agent unreported\" data-host=\"").append(Html.escape(box.host))
                    .append("\">\n");
            out.append("<h3>").append(Html.orUnknown(box.host)).append("</h3>\n");
            out.append("<p class=\"host\">agent not reported");
            String ids = box.workers.stream().map(WorkerPlacement::agentId).filter(Objects::nonNull).distinct()
                    .map(Html::escape).collect(Collectors.joining(", "));
            out.append(ids.isEmpty() ? "" : ": " + ids).append("</p>\n");
        }
        List<Slot> slots = agent == null ? slots(0, false, box.workers)
                : slots(Math.max(0, agent.gpus()), true, box.workers);
        if (!slots.isEmpty()) {
            out.append("<div class=\"slots\">\n");
            for (Slot slot : slots) {
                out.append(slot(slot));
            }
            out.append("</div>\n");
        }
        List<WorkerPlacement> cpuWorkers = box.workers.stream().filter(w -> w.gpus().isEmpty()).toList();
        if (!cpuWorkers.isEmpty()) {
            out.append("<ul class=\"cpu-workers\">\n");
            for (WorkerPlacement w : cpuWorkers) {
                out.append("<li class=\"cpu-worker\" data-rank=\"").append(w.rank()).append("\">rank ")
                        .append(w.rank()).append(" <span class=\"muted\">CPU only")
                        .append(w.executorId() == null ? "" : ", executor " + Html.escape(w.executorId()))
                        .append("</span></li>\n");
            }
            out.append("</ul>\n");
        }
        if (slots.isEmpty() && cpuWorkers.isEmpty()) {
            out.append("<p class=\"muted\">no GPUs, no workers</p>\n");
        }
        return out.append("</section>\n").toString();
    }

    private static String gpuSummary(AgentInfo agent) {
        if (agent.gpus() <= 0) {
            return "no GPUs";
        }
        String model = agent.gpuModel() == null ? "GPU model unknown" : Html.escape(agent.gpuModel());
        return agent.gpus() + " × " + model;
    }

    /**
     * The agent's GPUs "0" to "n-1", filled by the workers that name them; a worker GPU id that is
     * no index (a UUID, say) takes the first free slot, and one past the agent's count gets a slot
     * of its own, marked when the agent did report a count, rather than disappear.
     */
    private static List<Slot> slots(int gpus, boolean countKnown, List<WorkerPlacement> workers) {
        List<Slot> slots = new ArrayList<>();
        Map<String, Slot> byName = new LinkedHashMap<>();
        for (int i = 0; i < gpus; i++) {
            Slot slot = new Slot(Integer.toString(i), false);
            slots.add(slot);
            byName.put(slot.gpu, slot);
        }
        List<Map.Entry<String, Integer>> unmatched = new ArrayList<>();
        for (WorkerPlacement w : workers) {
            for (String gpu : w.gpus()) {
                Slot slot = byName.get(gpu);
                if (slot != null) {
                    addRank(slot, w.rank());
                } else {
                    unmatched.add(Map.entry(gpu, w.rank()));
                }
            }
        }
        for (Map.Entry<String, Integer> e : unmatched) {
            Slot slot = byName.get(e.getKey());
            if (slot == null) {
                slot = slots.stream().filter(s -> !s.beyondCount && s.ranks.isEmpty()).findFirst().orElse(null);
                if (slot != null) {
                    byName.remove(slot.gpu);
                    slot.gpu = e.getKey();
                } else {
                    slot = new Slot(e.getKey(), countKnown);
                    slots.add(slot);
                }
                byName.put(slot.gpu, slot);
            }
            addRank(slot, e.getValue());
        }
        return slots;
    }

    private static void addRank(Slot slot, int rank) {
        if (!slot.ranks.contains(rank)) {
            slot.ranks.add(rank);
        }
    }

    private static String slot(Slot slot) {
        String gpu = "GPU " + Html.escape(slot.gpu);
        StringBuilder out = new StringBuilder("<div class=\"slot");
        out.append(slot.ranks.isEmpty() ? " free" : " used").append(slot.beyondCount ? " beyond-count" : "").append('"');
        if (!slot.ranks.isEmpty()) {
            String ranks = slot.ranks.stream().map(String::valueOf).collect(Collectors.joining(" "));
            out.append(" data-rank=\"").append(ranks).append('"');
        }
        out.append(" title=\"").append(gpu).append(slot.beyondCount ? " (beyond the agent's GPU count)" : "")
                .append("\"><span class=\"gpu\">").append(gpu).append("</span><span class=\"rank\">");
        if (slot.ranks.isEmpty()) {
            out.append("free");
        } else {
            out.append(slot.ranks.size() == 1 ? "rank " : "ranks ")
                    .append(slot.ranks.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        return out.append("</span></div>\n").toString();
    }
}
