package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

/** Opens the SavedModel of a user-supplied model, with errors that name {@code model.path}. */
final class SavedModels {
    static final String MODEL_FILE = "saved_model.pb";

    private SavedModels() {}

    static SavedModelBundle load(ModelSpec spec, ConfigProto config) {
        Path dir = Path.of(spec.path());
        String[] tags = tags(dir);
        try {
            return SavedModelBundle.loader(dir.toString()).withTags(tags).withConfigProto(config).load();
        } catch (TensorFlowException e) {
            throw new IllegalArgumentException("model.path '" + dir + "' could not be loaded as a TensorFlow SavedModel: "
                    + firstLine(e.getMessage()), e);
        }
    }

    /**
     * The tags of the meta graph to train: {@code serve} where there is one, else the only one.
     * TensorFlow's own loader needs them named and fails with a long message otherwise.
     */
    private static String[] tags(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model.path '" + dir + "' is not a directory (a TensorFlow SavedModel is one)");
        }
        Path file = dir.resolve(MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model.path '" + dir + "' holds no " + MODEL_FILE + ", so it is no TensorFlow SavedModel");
        }
        SavedModel model;
        try (InputStream in = Files.newInputStream(file)) {
            model = SavedModel.parseFrom(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("model.path '" + file + "' is not readable as a SavedModel: " + firstLine(e.getMessage()), e);
        }
        MetaGraphDef chosen = null;
        for (MetaGraphDef graph : model.getMetaGraphsList()) {
            if (graph.getMetaInfoDef().getTagsList().contains(SavedModelBundle.DEFAULT_TAG)) {
                chosen = graph;
                break;
            }
        }
        if (chosen == null && model.getMetaGraphsCount() == 1) {
            chosen = model.getMetaGraphs(0);
        }
        if (chosen == null) {
            throw new IllegalArgumentException("model.path '" + dir + "' has " + model.getMetaGraphsCount()
                    + " meta graphs and none tagged '" + SavedModelBundle.DEFAULT_TAG + "'");
        }
        return chosen.getMetaInfoDef().getTagsList().toArray(String[]::new);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
