package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.AttributeConstraint;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Spark 3.5's spark.mesos.constraints syntax, read into placement's attribute constraints. */
class SparkConstraintsTest {
    @Test
    void constraintsAreAttributesWithAlternativeValues() {
        assertThat(SparkConstraints.parse("gpu_model:A100,H100; gpu_memory_mb:65536 ;rack")).containsExactly(
                AttributeConstraint.oneOf("gpu_model", "A100", "H100"),
                AttributeConstraint.oneOf("gpu_memory_mb", "65536"),
                AttributeConstraint.present("rack"));
        assertThat(SparkConstraints.parse("gpu_model: H100 , ,H100")).containsExactly(
                AttributeConstraint.oneOf("gpu_model", "H100"));
        assertThat(SparkConstraints.parse(" ")).isEmpty();
        assertThat(SparkConstraints.parse(null)).isEmpty();
        assertThat(SparkConstraints.parse(";;")).isEmpty();
    }

    @Test
    void constraintSyntaxErrorsNameTheKeyAndThePart() {
        assertThatThrownBy(() -> SparkConstraints.parse("gpu_model:"))
                .hasMessage("spark.mesos.constraints: 'gpu_model:' has a ':' but no values");
        assertThatThrownBy(() -> SparkConstraints.parse("rack;:H100"))
                .hasMessage("spark.mesos.constraints: ':H100' names no attribute");
    }

    @Test
    void theBackendAndTheCapacityCheckReadTheSameConstraints() {
        Map<String, String> settings = Map.of("spark.mesos.constraints", "gpu_model:H100;gpu_memory_mb:40960");
        List<AgentConstraint> constraints = MesosSparkSettings.read(settings).constraints();
        SparkConf driver = new SparkConf(false);
        settings.forEach(driver::set);
        assertThat(constraints).isEqualTo(MesosBackendConf.from(driver).constraints());
        assertThat(constraints).extracting(AgentConstraint::describe)
                .containsExactly("gpu_model is H100", "gpu_memory_mb is at least 40960");
        assertThat(MesosSparkSettings.read(Map.of()).constraints()).isEmpty();
    }
}
