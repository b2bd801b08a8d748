package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.files.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * Writes a trained replica as a SavedModel. The training graph carries Gantry's gradient, update
 * and optimizer ops, which a user of the model has no use for, so a built-in model is exported
 * from a fresh graph holding only the network, its variables restored from the training session.
 * A user's model is exported as it came, with its trained variables.
 */
final class SavedModelExport {
    private static final String VARIABLES = "variables";
    // Hashes the original variables; stale once they are retrained, so it is not copied.
    private static final String FINGERPRINT = "fingerprint.pb";

    private SavedModelExport() {}

    /** Exports the replica that {@code training} runs into {@code dir}, which must exist and be empty. */
    static void write(Session training, ModelSpec spec, ConfigProto config, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("export directory " + dir + " does not exist");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("export directory " + dir + " is not empty");
            }
        }
        if (spec.kind() == ModelSpec.Kind.USER) {
            user(training, spec, dir);
        } else {
            builtIn(training, spec, config, dir);
        }
    }

    private static void builtIn(Session training, ModelSpec spec, ConfigProto config, Path dir) throws IOException {
        Path scratch = Files.createTempDirectory("gantry-tf-export");
        try {
            String prefix = scratch.resolve(VARIABLES).toString();
            training.save(prefix);
            try (Graph graph = new Graph()) {
                Network network = BuiltInNetworks.build(Ops.create(graph), spec);
                try (Session session = new Session(graph, config)) {
                    session.restore(prefix);
                    Signature serving = Signature.builder()
                            .key(Signature.DEFAULT_KEY)
                            .input(BuiltInNetworks.INPUT, network.input())
                            .output(BuiltInNetworks.OUTPUT, network.output())
                            .build();
                    SavedModelBundle.exporter(dir.toString()).withSession(session).withSignature(serving).export();
                }
            }
        } catch (TensorFlowException e) {
            throw new IOException("export to " + dir + " failed: " + SavedModels.firstLine(e.getMessage()), e);
        } finally {
            Directories.deleteTree(scratch);
        }
    }

    private static void user(Session training, ModelSpec spec, Path dir) throws IOException {
        Path source = Path.of(spec.path());
        List<Path> files;
        try (Stream<Path> tree = Files.walk(source)) {
            files = tree.filter(p -> !p.equals(source))
                    .filter(p -> !source.relativize(p).startsWith(VARIABLES) && !source.relativize(p).toString().equals(FINGERPRINT))
                    .toList();
        }
        for (Path file : files) {
            Files.copy(file, dir.resolve(source.relativize(file).toString()));
        }
        Files.createDirectories(dir.resolve(VARIABLES));
        try {
            training.save(dir.resolve(VARIABLES).resolve(VARIABLES).toString());
        } catch (TensorFlowException | IllegalArgumentException e) {
            throw new IOException("could not save the variables of model.path '" + source + "' to " + dir + ": "
                    + SavedModels.firstLine(e.getMessage()), e);
        }
    }
}
