package dev.gantry.training.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path output;

    @Test
    void writtenFilesAndDirectoriesGetThePermissionsOfAnyNewFileNotOwnerOnly() throws IOException {
        Path plainFile = Files.createFile(output.resolve("plain"));
        Path plainDir = Files.createDirectory(output.resolve("plain-dir"));
        Path report = output.resolve("report.html");
        AtomicFiles.writeString(report, "<html>");
        Path model = output.resolve("model");
        AtomicFiles.writeDirectory(model, dir -> Files.writeString(dir.resolve("weights"), "w"));

        assertThat(Files.getPosixFilePermissions(report)).isEqualTo(Files.getPosixFilePermissions(plainFile));
        assertThat(Files.getPosixFilePermissions(model)).isEqualTo(Files.getPosixFilePermissions(plainDir));
        try (Stream<Path> left = Files.list(output)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void keepsTheNewestFewAndReadsTheLatest() throws IOException {
        CheckpointStore store = new CheckpointStore(output, 2);
        for (int step = 10; step <= 40; step += 10) {
            byte[] model = {(byte) step};
            store.write(new CheckpointState("job", step, 0), out -> out.write(model));
        }
        Checkpoint latest = store.latest("job").orElseThrow();
        assertThat(latest.state().step()).isEqualTo(40);
        assertThat(latest.model()).containsExactly(40);
        try (Stream<Path> left = Files.list(store.dir())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("step-000000030", "step-000000040");
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousCheckpointAsTheLatest() throws IOException {
        CheckpointStore store = new CheckpointStore(output, 3);
        store.write(new CheckpointState("job", 5, 0), out -> out.write(new byte[] {5}));
        assertThatThrownBy(() -> store.write(new CheckpointState("job", 6, 0), out -> {
            out.write(new byte[] {6, 6, 6});
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(store.latest("job").orElseThrow().state().step()).isEqualTo(5);
        try (Stream<Path> left = Files.list(store.dir())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("step-000000005");
        }
    }

    @Test
    void anotherJobsCheckpointsAreRefusedByName() throws IOException {
        CheckpointStore store = new CheckpointStore(output, 3);
        store.write(new CheckpointState("digits / tensorflow", 5, 0), out -> out.write(1));
        assertThatThrownBy(() -> store.latest("faces / dl4j"))
                .isInstanceOf(ForeignCheckpointException.class)
                .hasMessageContaining(output.toString())
                .hasMessageContaining("digits / tensorflow");
    }

    @Test
    void anEmptyOrMissingDirectoryHasNoCheckpoint() {
        assertThat(new CheckpointStore(output.resolve("absent"), 3).latest("job")).isEmpty();
    }

    @Test
    void atomicFileReplacesWholeOrNotAtAll() throws IOException {
        Path target = output.resolve("metrics.json");
        AtomicFiles.writeString(target, "first");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes());
            throw new IOException("crash");
        }));
        assertThat(target).hasContent("first");
        try (Stream<Path> left = Files.list(output)) {
            assertThat(left).containsExactly(target);
        }
    }
}
