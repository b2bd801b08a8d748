package dev.gantry.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.training.TrainConfig.SyncMode;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
    private static final TrainConfig BASE = TrainConfig.defaults();

    @Test
    void everyComponentHasAWithMethodThatChangesItAndNothingElse() throws Exception {
        for (RecordComponent component : TrainConfig.class.getRecordComponents()) {
            String name = component.getName();
            Method with = TrainConfig.class.getMethod("with" + Character.toUpperCase(name.charAt(0)) + name.substring(1),
                    component.getType());
            Object changed = another(component.getAccessor().invoke(BASE));

            TrainConfig result = (TrainConfig) with.invoke(BASE, changed);

            for (RecordComponent other : TrainConfig.class.getRecordComponents()) {
                Object expected = other.getName().equals(name) ? changed : other.getAccessor().invoke(BASE);
                assertThat(other.getAccessor().invoke(result)).as("%s after %s", other.getName(), with.getName())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void theShorterNamesSetTheSameComponents() {
        assertThat(BASE.withBatch(96)).isEqualTo(BASE.withGlobalBatchSize(96));
        assertThat(BASE.withSync(SyncMode.AVERAGING, 7))
                .isEqualTo(BASE.withSync(SyncMode.AVERAGING).withAveragingSteps(7));
    }

    @Test
    void aWithMethodChecksItsValueAsTheConstructorDoes() {
        assertThatThrownBy(() -> BASE.withEpochs(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training.epochs must be at least 1, got 0");
        assertThatThrownBy(() -> BASE.withWorkers(4).withBatch(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training.batchSize must be at least the number of workers (4), got 3");
        assertThatThrownBy(() -> BASE.withSync(SyncMode.AVERAGING, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training.averagingSteps must be at least 1, got 0");
    }

    /** A valid value other than {@code value}, of its type. */
    private static Object another(Object value) {
        if (value instanceof Integer i) {
            return i + 1;
        } else if (value instanceof Long l) {
            return l + 1;
        } else if (value instanceof Double d) {
            return d * 2;
        } else if (value instanceof Boolean b) {
            return !b;
        } else if (value instanceof Enum<?> e) {
            Object[] constants = e.getDeclaringClass().getEnumConstants();
            return constants[(e.ordinal() + 1) % constants.length];
        }
        throw new AssertionError("no other value for " + value);
    }

}
