package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PlacementMapTest {
    private static final Pattern SLOT = Pattern.compile(
            "<div class=\"slot ([^\"]*)\"(?: data-rank=\"([^\"]*)\")? title=\"[^\"]*\"><span class=\"gpu\">([^<]*)</span>");

    @Test
    void everyGpuOfAnAgentIsASlotWithItsWorkerOrFree() {
        String html = PlacementMap.html(List.of(new AgentInfo("a1", "h1", 4, "T4")),
                List.of(new WorkerPlacement(5, "a1", "h1", List.of("2"), "e5"),
                        new WorkerPlacement(1, "a1", "h1", List.of("0", "1"), "e1")));

        assertThat(slots(boxes(html).get(0))).containsExactly("used 1 GPU 0", "used 1 GPU 1", "used 5 GPU 2",
                "free - GPU 3");
        assertThat(html).contains("<h3>a1</h3>", "<p class=\"host\">h1</p>", "4 × T4");
    }

    @Test
    void cpuWorkersAreListedInTheirAgentsBox() {
        String html = PlacementMap.html(List.of(new AgentInfo("gpu", "h1", 1, null), new AgentInfo("cpu", "h2", 0, null)),
                List.of(new WorkerPlacement(0, "gpu", "h1", List.of("0"), "e0"),
                        new WorkerPlacement(1, "cpu", "h2", List.of(), "e1"),
                        new WorkerPlacement(2, "gpu", "h1", List.of(), null)));

        List<String> boxes = boxes(html);
        assertThat(boxes).hasSize(2);
        assertThat(boxes.get(0)).contains("1 × GPU model unknown",
                "<li class=\"cpu-worker\" data-rank=\"2\">rank 2 <span class=\"muted\">CPU only</span></li>");
        assertThat(boxes.get(1)).contains("no GPUs", "data-rank=\"1\">rank 1 <span class=\"muted\">CPU only, executor e1")
                .doesNotContain("class=\"slot");
    }

    @Test
    void workersOfAgentsNotInTheListAreGroupedByHost() {
        String html = PlacementMap.html(List.of(new AgentInfo("a1", "h1", 1, null)),
                List.of(new WorkerPlacement(0, "a1", "h1", List.of("0"), "e0"),
                        new WorkerPlacement(1, "lost-1", "far", List.of("0"), "e1"),
                        new WorkerPlacement(2, null, "far", List.of("1"), "e2"),
                        new WorkerPlacement(3, "lost-2", "farther", List.of(), "e3"),
                        new WorkerPlacement(4, "lost-3", "h1", List.of(), "e4")));

        List<String> boxes = boxes(html);
        assertThat(boxes).hasSize(4);
        assertThat(boxes.get(0)).contains("data-agent=\"a1\"").doesNotContain("data-rank=\"4\"");
        assertThat(boxes.get(1)).contains("unreported\" data-host=\"far\"", "agent not reported: lost-1");
        assertThat(slots(boxes.get(1))).containsExactly("used 1 GPU 0", "used 2 GPU 1");
        assertThat(boxes.get(2)).contains("data-host=\"farther\"", "data-rank=\"3\"");
        assertThat(boxes.get(3)).as("another agent id on a known host is another agent")
                .contains("data-host=\"h1\"", "data-rank=\"4\"");
    }

    @Test
    void aWorkerWithoutAgentIdJoinsTheOnlyAgentOnItsHost() {
        String html = PlacementMap.html(List.of(new AgentInfo("a1", "h1", 2, null)),
                List.of(new WorkerPlacement(0, null, "h1", List.of("1"), "e0")));

        assertThat(boxes(html)).hasSize(1);
        assertThat(slots(html)).containsExactly("free - GPU 0", "used 0 GPU 1");
    }

    @Test
    void gpuIdsThatAreNoIndexTakeFreeSlotsAndExtraOnesAreMarked() {
        String html = PlacementMap.html(List.of(new AgentInfo("a1", "h1", 2, null)),
                List.of(new WorkerPlacement(0, "a1", "h1", List.of("GPU-aa"), "e0"),
                        new WorkerPlacement(1, "a1", "h1", List.of("1", "GPU-bb"), "e1"),
                        new WorkerPlacement(2, "a1", "h1", List.of("1"), "e2")));

        assertThat(slots(html)).containsExactly("used 0 GPU GPU-aa", "used 1 2 GPU 1", "used beyond-count 1 GPU GPU-bb");
        assertThat(html).contains("ranks 1, 2");
    }

    @Test
    void agentsWithoutWorkersShowAllGpusFree() {
        String html = PlacementMap.html(List.of(new AgentInfo("idle", "h9", 3, "A10"), new AgentInfo(null, null, 0, null)),
                List.of());

        assertThat(slots(html)).containsExactly("free - GPU 0", "free - GPU 1", "free - GPU 2");
        assertThat(boxes(html)).hasSize(2);
        assertThat(boxes(html).get(1)).contains("no GPUs, no workers");
    }

    /** Each box's markup, in page order. */
    private static List<String> boxes(String html) {
        List<String> boxes = new ArrayList<>(Arrays.asList(html.split("<section ")));
        boxes.remove(0);
        return boxes;
    }

    /** "CLASSES RANKS GPU" per slot, RANKS "-" when free. */
    private static List<String> slots(String html) {
        List<String> slots = new ArrayList<>();
        Matcher m = SLOT.matcher(html);
        while (m.find()) {
            slots.add(m.group(1) + " " + (m.group(2) == null ? "-" : m.group(2)) + " " + m.group(3));
        }
        return slots;
    }
}
