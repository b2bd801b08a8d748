package dev.gantry.training.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run has measured up to a checkpoint, saved in it so that a resumed run reports the whole
 * job: the epochs already done, and the sums of the epoch in progress. Without it a resumed run's
 * metrics would start at the resume point and average the current epoch over its last steps only.
 *
 * @param epochs       the epochs finished before the checkpoint
 * @param lossSum      the sum of the step losses of the epoch in progress
 * @param steps        steps taken in the epoch in progress
 * @param seconds      training time spent in the epoch in progress
 */
public record TrainingHistory(@JsonProperty("epochs") List<EpochMetrics> epochs,
                              @JsonProperty("lossSum") double lossSum,
                              @JsonProperty("steps") long steps,
                              @JsonProperty("seconds") double seconds) {
    public static final TrainingHistory NONE = new TrainingHistory(List.of(), 0, 0, 0);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public TrainingHistory {
        epochs = List.copyOf(epochs == null ? List.of() : epochs);
    }

    /**
     * This history as a job with {@code stepsPerEpoch} steps per epoch resumes it. A run that
     * ended early (a lower {@code maxSteps}) closed its last epoch part-way; resumed for more
     * steps, that epoch is open again, its loss a sum over the steps it had.
     */
    public TrainingHistory reopenedFor(long stepsPerEpoch) {
        if (epochs.isEmpty() || steps > 0) {
            return this;
        }
        EpochMetrics last = epochs.get(epochs.size() - 1);
        long into = last.step() % stepsPerEpoch;
        if (into == 0) {
            return this;
        }
        return new TrainingHistory(epochs.subList(0, epochs.size() - 1), last.loss() * into, into, last.seconds());
    }

    public List<EpochMetrics> epochsCopy() {
        return new ArrayList<>(epochs);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training history", e);
        }
    }

    /** The history in {@code json}; {@link #NONE} for an empty one (a checkpoint written without it). */
    public static TrainingHistory fromJson(byte[] json) {
        if (json.length == 0) {
            return NONE;
        }
        try {
            return JSON.readValue(json, TrainingHistory.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training history of a checkpoint", e);
        }
    }
}
