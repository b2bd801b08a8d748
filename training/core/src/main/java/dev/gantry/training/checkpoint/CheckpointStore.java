package dev.gantry.training.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.files.AtomicFiles;
import dev.gantry.files.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of one job under {@code <output>/checkpoints}: one directory per checkpoint,
 * {@code step-<step>/} holding {@code state.json}, {@code model.bin}, {@code history.json} and,
 * written last, {@code manifest.json} with each file's size and SHA-256. The directory is filled
 * under a temporary name and renamed whole. The newest few are kept, so that when the newest is
 * damaged an older one can still be resumed.
 *
 * <p>On a cluster of several machines the output directory must be shared by the workers and
 * the driver (NFS or similar): worker 0 writes, the driver and a restarted worker 0 read.
 */
public final class CheckpointStore {
    private static final Pattern NAME = Pattern.compile("step-(\\d{9,})");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "state.json";
    private static final String MODEL = "model.bin";
    private static final String HISTORY = "history.json";

    private final Path dir;
    private final int keep;

    public CheckpointStore(Path outputDir, int keep) {
        this.dir = outputDir.resolve("checkpoints");
        this.keep = Math.max(1, keep);
    }

    public Path dir() {
        return dir;
    }

    /** Writes the checkpoint of {@code state.step()} without a history. */
    public void write(CheckpointState state, AtomicFiles.Writer model) throws IOException {
        write(state, model, new byte[0]);
    }

    /** Writes a checkpoint whole, then removes all but the newest {@code keep}. */
    public void write(CheckpointState state, AtomicFiles.Writer model, byte[] history) throws IOException {
        Path target = dir.resolve(String.format("step-%09d", state.step()));
        AtomicFiles.writeDirectory(target, tmp -> {
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(STATE).toFile(), state);
            try (var out = Files.newOutputStream(tmp.resolve(MODEL))) {
                model.write(out);
            }
            Files.write(tmp.resolve(HISTORY), history);
            Manifest.of(tmp, List.of(STATE, MODEL, HISTORY)).writeTo(tmp);
        });
        List<Path> all = listed();
        for (int i = 0; i < all.size() - keep; i++) {
            Directories.deleteTree(all.get(i));
        }
    }

    /** The newest intact checkpoint, if any; damaged ones are skipped silently. */
    public Optional<Checkpoint> latest(String job) {
        return latest(job, skipped -> { });
    }

    /**
     * The newest checkpoint that matches its manifest. Each newer one that does not is skipped,
     * and {@code skipped} hears one line naming it and why.
     *
     * @throws ForeignCheckpointException if the newest intact one belongs to a job other than {@code job}
     * @throws DamagedCheckpointException if there are checkpoints and none of them is intact
     */
    public Optional<Checkpoint> latest(String job, Consumer<String> skipped) {
        List<Path> all = listed();
        List<String> damaged = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            Path candidate = all.get(i);
            Optional<String> damage = Manifest.damage(candidate);
            if (damage.isPresent()) {
                String why = candidate.getFileName() + ": " + damage.get();
                damaged.add(why);
                skipped.accept("skipped the damaged checkpoint " + candidate + ": " + damage.get());
                continue;
            }
            return Optional.of(read(candidate, job));
        }
        if (!damaged.isEmpty()) {
            throw new DamagedCheckpointException("no intact checkpoint in " + dir + " (" + String.join("; ", damaged)
                    + "); move the directory aside to train from the start");
        }
        return Optional.empty();
    }

    private Checkpoint read(Path checkpoint, String job) {
        try {
            CheckpointState state = JSON.readValue(checkpoint.resolve(STATE).toFile(), CheckpointState.class);
            if (!state.job().equals(job)) {
                throw new ForeignCheckpointException("output directory " + dir.getParent()
                        + " holds checkpoints of another job (" + state.job() + "); choose another output or delete it");
            }
            return new Checkpoint(state, Files.readAllBytes(checkpoint.resolve(MODEL)),
                    Files.readAllBytes(checkpoint.resolve(HISTORY)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + checkpoint, e);
        }
    }

    /** Checkpoint directories by name, oldest first; whether they are intact is for the manifest to say. */
    private List<Path> listed() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
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
