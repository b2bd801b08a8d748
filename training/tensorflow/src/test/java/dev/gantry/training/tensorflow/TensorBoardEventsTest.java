package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.tensorboard.EventFile;
import dev.gantry.training.tensorboard.EventRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** Gantry's event files as TensorFlow's own generated {@code Event} classes read them. */
class TensorBoardEventsTest {
    @TempDir
    Path dir;

    @Test
    void tensorFlowReadsTheFileVersionThenEachScalar() throws Exception {
        try (EventFile events = new EventFile(dir, line -> { })) {
            events.scalar("loss", 1, 2.5f);
            events.scalar("validation/accuracy", 7, 0.96875f);
        }

        List<Event> read = new ArrayList<>();
        for (byte[] record : EventRecords.records(EventRecords.files(dir).get(0))) {
            read.add(Event.parseFrom(record));
        }
        assertThat(read).hasSize(3);
        assertThat(read.get(0).getFileVersion()).isEqualTo("brain.Event:2");
        assertThat(read.get(0).getWallTime()).isPositive();
        assertThat(read.subList(1, 3)).extracting(Event::getStep).containsExactly(1L, 7L);
        Summary.Value loss = read.get(1).getSummary().getValue(0);
        assertThat(loss.getTag()).isEqualTo("loss");
        assertThat(loss.getValueCase()).isEqualTo(Summary.Value.ValueCase.SIMPLE_VALUE);
        assertThat(loss.getSimpleValue()).isEqualTo(2.5f);
        assertThat(read.get(2).getSummary().getValue(0).getTag()).isEqualTo("validation/accuracy");
        assertThat(read.get(2).getSummary().getValue(0).getSimpleValue()).isEqualTo(0.96875f);
    }
}
