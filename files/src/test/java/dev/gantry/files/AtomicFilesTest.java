package dev.gantry.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void removeLeftoversDeletesTemporariesAndPutsBackADirectoryMovedAsideOnlyWhenItsTargetIsMissing() throws Exception {
        Files.createDirectories(dir.resolve(".step-000000020.k3x9q0.tmp"));
        Files.writeString(dir.resolve(".metrics.json.1abc.tmp"), "{");
        Files.createDirectories(dir.resolve("report"));
        Files.createDirectories(dir.resolve(".report.old123"));
        Files.createDirectories(dir.resolve(".model.old4567"));
        Files.writeString(dir.resolve(".model.old4567").resolve("saved_model.pb"), "whole");
        Files.createDirectories(dir.resolve("step-000000020"));
        Files.writeString(dir.resolve(".gantry.lock"), "");

        assertThat(AtomicFiles.removeLeftovers(dir)).isEqualTo(4);

        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("report", "model", "step-000000020", ".gantry.lock");
        }
        assertThat(dir.resolve("model").resolve("saved_model.pb")).hasContent("whole");
    }

    @Test
    void aFileWrittenWholeLeavesNothingForRemoveLeftovers() throws Exception {
        AtomicFiles.writeString(dir.resolve("metrics.json"), "{}");
        AtomicFiles.writeDirectory(dir.resolve("model"), d -> Files.writeString(d.resolve("a"), "1"));
        AtomicFiles.writeDirectory(dir.resolve("model"), d -> Files.writeString(d.resolve("a"), "2"));

        assertThat(AtomicFiles.removeLeftovers(dir)).isZero();
    }
}
