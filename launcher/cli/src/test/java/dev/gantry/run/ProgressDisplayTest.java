package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.worker.EpochMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private final StringWriter text = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    private ProgressDisplay display(boolean terminal) {
        return new ProgressDisplay(new PrintWriter(text), terminal, 2, nanos::get);
    }

    @Test
    void offATerminalItLogsAboutTwentyPlainLinesAndEveryEpoch() {
        ProgressDisplay display = display(false);
        for (long step = 1; step <= 200; step++) {
            nanos.addAndGet(10_000_000L);
            display.step(step <= 100 ? 0 : 1, step, 200, 1.0 / step, 3200);
            if (step == 100) {
                display.epoch(new EpochMetrics(1, 100, 0.5, 0.9123, 0.4, 3200, 1.0));
            }
        }
        String[] lines = text.toString().split("\n");
        assertThat(text.toString()).doesNotContain("\r", "\033");
        assertThat(lines).hasSizeBetween(20, 23);
        assertThat(lines).contains("epoch 1/2 done: loss 0.5000, validation accuracy 91.23%, validation loss 0.4000,"
                + " 3,200 samples/s, 1.0 s");
        assertThat(lines[lines.length - 1]).startsWith("epoch 2/2 step 200/200  loss 0.0050  3,200 samples/s");
        assertThat(display.steps()).hasSize(200);
        assertThat(display.steps().get(149).epoch()).isEqualTo(2);
    }

    @Test
    void stepsReplayedAfterAResumeReplaceTheFailedAttemptsSteps() {
        ProgressDisplay display = display(false);
        for (long step = 1; step <= 30; step++) {
            display.step(0, step, 100, 1.0, 100);
        }
        for (long step = 21; step <= 100; step++) {
            display.step(step <= 50 ? 0 : 1, step, 100, 0.5, 100);
        }
        assertThat(display.steps()).extracting(s -> s.step()).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(display.steps().get(25).loss()).as("step 26 as the resumed attempt took it").isEqualTo(0.5);
    }

    @Test
    void onATerminalItRedrawsOneBarInPlaceWithAnEta() {
        ProgressDisplay display = display(true);
        for (long step = 1; step <= 50; step++) {
            nanos.addAndGet(50_000_000L);
            display.step(0, step, 100, 0.25, 640);
        }
        display.note("worker 0 uses GPU(s) [0]");
        display.finish();
        String out = text.toString();
        assertThat(out).contains("\r\033[2Kepoch 1/2 [###########.............] step 49/100  loss 0.2500  640 samples/s"
                + "  ETA 0:03");
        assertThat(out).endsWith("\r\033[2Kworker 0 uses GPU(s) [0]\n");
        // Redrawn at most ten times a second: 50 steps 50 ms apart draw 25 times.
        assertThat(out.split("\r\033\\[2Kepoch", -1)).hasSize(26);
    }
}
