package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.StepLosses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path output;

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> warnings = new ArrayList<>();

    private ProgressFile file() {
        return new ProgressFile(output, warnings::add, CLOCK, nanos::get);
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(output.resolve(ProgressFile.NAME), StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void writesOneSnakeCaseObjectPerEventFromStartToEnd() throws IOException {
        try (ProgressFile file = file()) {
            file.start("mnist", "tensorflow", 2, 5, 0);
            file.placement("binpack", List.of(new ProgressFile.Executor(0, "0", "agent-S0", "127.0.0.1", 1, 1408,
                    List.of(0))));
            file.losses(new StepLosses(1, new float[] {2.5f, 2.25f}, 640));
            file.step(0, 2, 780, 2.25, 640);
            file.epoch(new EpochMetrics(1, 156, 0.5, 0.91, 0.4, 3200, 12.5));
            file.note("resumed from step 16");
            file.end(ProgressFile.Outcome.FINISHED, List.of(new ProgressFile.WorkerRate(0, 1600)));
        }
        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.get("type").asText())
                .containsExactly("start", "placement", "steps", "step", "epoch", "note", "end");
        assertThat(lines.get(0)).isEqualTo(JSON.readTree("""
                {"type":"start","at":"2025-03-01T12:00:00Z","job":"mnist","framework":"tensorflow","workers":2,
                 "epochs":5,"resumed_from_step":0}"""));
        assertThat(lines.get(1)).isEqualTo(JSON.readTree("""
                {"type":"placement","policy":"binpack","executors":[{"worker":0,"executor_id":"0",
                 "agent_id":"agent-S0","host":"127.0.0.1","cpus":1.0,"mem_mb":1408.0,"gpus":[0]}]}"""));
        assertThat(lines.get(2)).isEqualTo(JSON.readTree("""
                {"type":"steps","first_step":1,"loss":[2.5,2.25],"samples_per_second":640.0}"""));
        assertThat(lines.get(3).get("epoch").asInt()).as("counted from 1, as the display shows it").isEqualTo(1);
        assertThat(lines.get(3).get("total_steps").asLong()).isEqualTo(780);
        assertThat(lines.get(4)).isEqualTo(JSON.readTree("""
                {"type":"epoch","epoch":1,"step":156,"loss":0.5,"validation_accuracy":0.91,"validation_loss":0.4,
                 "samples_per_second":3200.0,"seconds":12.5}"""));
        assertThat(lines.get(5).get("line").asText()).isEqualTo("resumed from step 16");
        assertThat(lines.get(6)).isEqualTo(JSON.readTree("""
                {"type":"end","at":"2025-03-01T12:00:00Z","outcome":"finished","steps":2,
                 "workers":[{"rank":0,"samples_per_second":1600.0}]}"""));
        assertThat(warnings).isEmpty();
    }

    @Test
    void displayStepsAreThinnedToTwoASecondWithTheLastStepAlwaysAndAnEta() throws IOException {
        try (ProgressFile file = file()) {
            for (long step = 1; step <= 100; step++) {
                nanos.addAndGet(100_000_000L);
                file.step(0, step, 100, 1.0 / step, 64);
            }
        }
        List<JsonNode> steps = lines();
        // 10 s of steps, one every 0.5 s, and the last.
        assertThat(steps).hasSizeBetween(20, 22);
        assertThat(steps.get(0).get("step").asLong()).isEqualTo(1);
        assertThat(steps.get(0).has("eta_seconds")).as("no rate after one step").isFalse();
        JsonNode last = steps.get(steps.size() - 1);
        assertThat(last.get("step").asLong()).isEqualTo(100);
        assertThat(last.get("eta_seconds").asDouble()).isZero();
        JsonNode middle = steps.stream().filter(s -> s.get("step").asLong() == 51).findFirst().orElseThrow();
        assertThat(middle.get("eta_seconds").asDouble()).isCloseTo(4.9, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aLossThatIsNoNumberIsNullSinceJsonHasNoNan() throws IOException {
        try (ProgressFile file = file()) {
            file.losses(new StepLosses(5, new float[] {1f, Float.NaN, Float.POSITIVE_INFINITY}, Double.NaN));
            file.epoch(new EpochMetrics(1, 7, Double.NaN, Double.NaN, Double.NaN, 10, 1));
        }
        List<JsonNode> lines = lines();
        assertThat(lines.get(0)).isEqualTo(JSON.readTree("{\"type\":\"steps\",\"first_step\":5,\"loss\":[1.0,null,null]}"));
        assertThat(lines.get(1).has("validation_accuracy")).isFalse();
        assertThat(lines.get(1).has("loss")).isFalse();
    }

    @Test
    void aResumedRunAppendsAfterALineAKilledRunLeftUnfinished() throws IOException {
        Files.writeString(output.resolve(ProgressFile.NAME), "{\"type\":\"start\"}\n{\"type\":\"ste");
        try (ProgressFile file = file()) {
            file.start("mnist", "tensorflow", 1, 2, 16);
        }
        List<String> raw = Files.readAllLines(output.resolve(ProgressFile.NAME));
        assertThat(raw).hasSize(3);
        assertThat(raw.get(1)).isEqualTo("{\"type\":\"ste");
        assertThat(JSON.readTree(raw.get(2)).get("resumed_from_step").asLong()).isEqualTo(16);
    }

    @Test
    void anIoFailureIsOneWarningAndTrainingGoesOn() throws IOException {
        Path notADirectory = Files.writeString(output.resolve("file"), "x");
        try (ProgressFile file = new ProgressFile(notADirectory, warnings::add, CLOCK, nanos::get)) {
            file.start("mnist", "tensorflow", 1, 2, 0);
            file.losses(new StepLosses(1, new float[] {1f}, 1));
            file.end(ProgressFile.Outcome.FAILED, List.of());
        }
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .startsWith("gantry: progress stops being written here: cannot write to " + notADirectory)
                .endsWith("training goes on"));
    }
}
