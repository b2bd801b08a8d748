package dev.gantry.training.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void aCheckpointWhoseBytesWereOverwrittenIsSkippedForTheNewestIntactOne() throws IOException {
        CheckpointStore store = threeCheckpoints();
        Path newest = store.dir().resolve("step-000000030").resolve("model.bin");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(newest, bytes);

        List<String> skipped = new ArrayList<>();
        Checkpoint latest = store.latest("job", skipped::add).orElseThrow();

        assertThat(latest.state().step()).isEqualTo(20);
        assertThat(latest.model()).containsExactly(20, 20, 20, 20);
        assertThat(latest.history()).containsExactly(2);
        assertThat(skipped).singleElement().asString()
                .contains("step-000000030").contains("model.bin").contains("SHA-256");
    }

    @Test
    void aTruncatedCheckpointIsSkippedAndTheSizeIsNamed() throws IOException {
        CheckpointStore store = threeCheckpoints();
        Path newest = store.dir().resolve("step-000000030").resolve("model.bin");
        Files.write(newest, new byte[] {30});

        List<String> skipped = new ArrayList<>();
        assertThat(store.latest("job", skipped::add).orElseThrow().state().step()).isEqualTo(20);
        assertThat(skipped).singleElement().asString().contains("model.bin has 1 bytes, the manifest says 4");
    }

    @Test
    void aCheckpointWithoutItsManifestWasNeverFinishedAndIsSkipped() throws IOException {
        CheckpointStore store = threeCheckpoints();
        Files.delete(store.dir().resolve("step-000000030").resolve("manifest.json"));

        List<String> skipped = new ArrayList<>();
        assertThat(store.latest("job", skipped::add).orElseThrow().state().step()).isEqualTo(20);
        assertThat(skipped).singleElement().asString().contains("manifest.json is missing");
    }

    @Test
    void whenNoCheckpointIsIntactTheErrorNamesEachDamagedFile() throws IOException {
        CheckpointStore store = threeCheckpoints();
        for (int step = 10; step <= 30; step += 10) {
            Path state = store.dir().resolve(String.format("step-%09d", step)).resolve("state.json");
            Files.writeString(state, Files.readString(state).replace("\"job\"", "\"jib\""));
        }
        assertThatThrownBy(() -> store.latest("job"))
                .isInstanceOf(DamagedCheckpointException.class)
                .hasMessageContaining(store.dir().toString())
                .hasMessageContaining("step-000000010: state.json does not match its SHA-256")
                .hasMessageContaining("step-000000030: state.json does not match its SHA-256");
    }

    @Test
    void aManifestCannotPointOutsideItsCheckpoint() throws IOException {
        CheckpointStore store = threeCheckpoints();
        Path manifest = store.dir().resolve("step-000000030").resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"model.bin\"", "\"../step-000000020/model.bin\""));
        List<String> skipped = new ArrayList<>();
        assertThat(store.latest("job", skipped::add).orElseThrow().state().step()).isEqualTo(20);
        assertThat(skipped).singleElement().asString().contains("outside the checkpoint");
    }

    private CheckpointStore threeCheckpoints() throws IOException {
        CheckpointStore store = new CheckpointStore(output, 3);
        for (int step = 10; step <= 30; step += 10) {
            byte b = (byte) step;
            store.write(new CheckpointState("job", step, step / 10), out -> out.write(new byte[] {b, b, b, b}),
                    new byte[] {(byte) (step / 10)});
        }
        return store;
    }
}
