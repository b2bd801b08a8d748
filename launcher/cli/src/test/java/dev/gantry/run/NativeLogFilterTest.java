package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NativeLogFilterTest {
    @Test
    void dropsTensorFlowsInfoLinesAndAbslsNoticeButKeepsEverythingElse() {
        String driverStderr = String.join("\n",
                "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR",
                "I0000 00:00:1796389657.092904   25187 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled",
                "I1204 13:07:37.092904   25187 cpu_feature_guard.cc:210] This TensorFlow binary is optimized",
                "W1204 13:07:37.100000   25187 saver.cc:12] a warning that stays",
                "gantry: data.path: examples/data/missing.csv does not exist",
                "Important: I0000 in the middle of a line stays") + "\n";
        ByteArrayOutputStream copied = new ByteArrayOutputStream();

        new NativeLogFilter(new ByteArrayInputStream(driverStderr.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(copied, true, StandardCharsets.UTF_8)).run();

        assertThat(copied.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "W1204 13:07:37.100000   25187 saver.cc:12] a warning that stays",
                "gantry: data.path: examples/data/missing.csv does not exist",
                "Important: I0000 in the middle of a line stays");
    }
}
