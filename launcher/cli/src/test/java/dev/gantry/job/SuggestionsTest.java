package dev.gantry.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> TRAINING = List.of("epochs", "batchSize", "learningRate", "optimizer", "sync",
            "averagingSteps", "checkpointSteps", "seed", "shuffle", "maxSteps", "threads");

    @Test
    void suggestsTheNearestNameIgnoringCase() {
        assertThat(Suggestions.closest("epoch", TRAINING)).contains("epochs");
        assertThat(Suggestions.closest("batchsize", TRAINING)).contains("batchSize");
        assertThat(Suggestions.closest("learning_rate", TRAINING)).contains("learningRate");
        assertThat(Suggestions.closest("optimiser", TRAINING)).contains("optimizer");
    }

    @Test
    void suggestsNothingForANameFarFromAll() {
        assertThat(Suggestions.closest("colour", TRAINING)).isEmpty();
        assertThat(Suggestions.closest("x", TRAINING)).isEmpty();
    }

    @Test
    void editDistance() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
