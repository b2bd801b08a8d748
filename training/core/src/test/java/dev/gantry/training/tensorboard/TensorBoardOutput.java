package dev.gantry.training.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

/** What a finished job's {@code tensorboard/} must hold, checked against its {@code metrics.json}. */
public final class TensorBoardOutput {
    /** Numbers as written, so that each loss is read back as exactly the float that was written. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private TensorBoardOutput() {}

    /**
     * One {@code loss} scalar per step, steps 1 to the job's last, each the float that
     * {@code metrics.json} lists for that step; returns the number of steps.
     */
    public static int assertOneLossPerStepAsInMetrics(Path output) throws IOException {
        JsonNode metrics = JSON.readTree(output.resolve("metrics.json").toFile());
        JsonNode stepLosses = metrics.get("stepLosses");
        assertThat(stepLosses.get("firstStep").asLong()).isEqualTo(1);
        JsonNode listed = stepLosses.get("loss");
        assertThat(listed.size()).isEqualTo(metrics.get("steps").asInt());
        float[] expected = new float[listed.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Float.parseFloat(listed.get(i).asText());
        }

        List<ParsedEvent.Scalar> losses = ParsedEvent.scalars(output.resolve("tensorboard"), TensorBoardSink.LOSS);
        assertThat(losses).extracting(ParsedEvent.Scalar::step)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expected.length).boxed().toList());
        float[] written = new float[losses.size()];
        for (int i = 0; i < written.length; i++) {
            written[i] = losses.get(i).value();
        }
        assertThat(written).as("TensorBoard's losses, bit for bit those of metrics.json").containsExactly(expected);
        return expected.length;
    }
}
