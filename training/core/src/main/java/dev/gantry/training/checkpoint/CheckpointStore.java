package dev.gantry.training.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of one job under {@code <output>/checkpoints}: one directory per checkpoint,
 * {@code step-<step>/} holding {@code state.json} and {@code model.bin}, each written whole
 * (temporary directory, then rename). The newest few are kept.
 *
 * <p>On a cluster of several machines the output directory must be shared by the workers and
 * the driver (NFS or similar): worker 0 writes, the driver and a restarted worker 0 read.
 */
public final class CheckpointStore {
    private static final Pattern NAME = Pattern.compile("step-(\\d{9,})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int keep;

    public CheckpointStore(Path outputDir, int keep) {
        this.dir = outputDir.resolve("checkpoints");
        this.keep = Math.max(1, keep);
    }

    public Path dir() {
        return dir;
    }

    public void write(CheckpointState state, AtomicFiles.Writer model) throws IOException {
        Path target = dir.resolve(String.format("step-%09d", state.step()));
        AtomicFiles.writeDirectory(target, tmp -> {
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("state.json").toFile(), state);
            try (var out = Files.newOutputStream(tmp.resolve("model.bin"))) {
                model.write(out);
            }
        });
        List<Path> all = complete();
        for (int i = 0; i < all.size() - keep; i++) {
            AtomicFiles.deleteTree(all.get(i));
        }
    }

    /**
     * The newest checkpoint, if any.
     *
     * @throws ForeignCheckpointException if it belongs to a job other than {@code job}
     */
    public Optional<Checkpoint> latest(String job) {
        List<Path> all = complete();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Path newest = all.get(all.size() - 1);
        try {
            CheckpointState state = JSON.readValue(newest.resolve("state.json").toFile(), CheckpointState.class);
            if (!state.job().equals(job)) {
                throw new ForeignCheckpointException("output directory " + dir.getParent()
                        + " holds checkpoints of another job (" + state.job() + "); choose another output or delete it");
            }
            return Optional.of(new Checkpoint(state, Files.readAllBytes(newest.resolve("model.bin"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + newest, e);
        }
    }

    /** Checkpoint directories that were completely written, oldest first. */
    private List<Path> complete() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve("state.json")) && Files.isRegularFile(p.resolve("model.bin")))
                    .forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
        }
        found.sort((a, b) -> Long.compare(step(a), step(b)));
        return found;
    }

    private static long step(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        m.matches();
        return Long.parseLong(m.group(1));
    }
}
