package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartJsonTest {
    @Test
    void textThatWouldEndTheScriptBlockIsEscapedAndReadsBackTheSame() throws Exception {
        String label = "</script><script>alert(1)</script><!-- -->";
        Chart chart = new Chart("c", Chart.LINE, label, "x", "y", List.of(0, 1),
                List.of(new Chart.Series("k", label, "#000", false)), List.of(List.of(0, 1), List.of(2, 3)),
                List.of(), List.of(), List.of());

        String json = ChartJson.of(List.of(chart));

        assertThat(json).doesNotContain("<", ">").contains("\\u003c/script\\u003e");
        JsonNode read = new ObjectMapper().readTree(json);
        assertThat(read.get(0).path("title").asText()).isEqualTo(label);
        assertThat(read.get(0).path("series").get(0).path("label").asText()).isEqualTo(label);
    }

    @Test
    void wholeNumbersAreWrittenWithoutAFractionAndOthersExactly() throws Exception {
        assertThat(ChartJson.number(5000)).isEqualTo(5000L);
        assertThat(ChartJson.number(0.1)).isEqualTo(0.1);
        assertThat(ChartJson.number(-0.0)).isEqualTo(-0.0);
        assertThat(ChartJson.number(0x1p53)).as("beyond exact longs in JavaScript").isEqualTo(0x1p53);
        assertThat(ChartJson.number(Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE);
        for (double v : new double[] {Double.MAX_VALUE, -Double.MIN_VALUE, 1e-300, 0.1 + 0.2, 123456789.125}) {
            assertThat(new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(ChartJson.number(v)))
                    .asDouble()).isEqualTo(v);
        }
        assertThatThrownBy(() -> ChartJson.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
