package dev.gantry.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("data-sources-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static float[] features(Row row) {
        return FeatureColumn.floats(row, 0);
    }

    @Test
    void idxImagesAndLabelsBecomeScaledPixelsAndClasses() throws IOException {
        Path images = dir.resolve("images-idx3-ubyte");
        Path labels = dir.resolve("labels-idx1-ubyte");
        IdxFile.write(images, new int[] {2, 2, 2}, new byte[] {0, (byte) 255, 51, 102, 1, 2, 3, 4});
        IdxFile.write(labels, new int[] {2}, new byte[] {7, 3});
        List<Row> rows = DataSources.read(spark, new DataSpec("idx", images.toString(), Map.of("labels", labels.toString())), 4)
                .collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(features(rows.get(0))).containsExactly(0f, 1f, 0.2f, 0.4f);
        assertThat(rows.get(0).getInt(1)).isEqualTo(7);
        assertThat(rows.get(1).getInt(1)).isEqualTo(3);
    }

    @Test
    void aTruncatedIdxFileIsNamedInTheError() throws IOException {
        Path images = dir.resolve("images");
        IdxFile.write(images, new int[] {10, 28, 28}, new byte[10 * 28 * 28]);
        byte[] all = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(all, all.length - 100));
        Path labels = dir.resolve("labels");
        IdxFile.write(labels, new int[] {10}, new byte[10]);
        assertThatThrownBy(() -> DataSources.read(spark, new DataSpec("idx", images.toString(), Map.of("labels", labels.toString())), 784))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data file " + images + " is truncated or padded: it declares 7840 values but holds 7740");
        Path notIdx = dir.resolve("notes.txt");
        Files.writeString(notIdx, "hello, world");
        assertThatThrownBy(() -> IdxFile.read(notIdx)).hasMessageStartingWith("data file " + notIdx + " is not an IDX file");
    }

    @Test
    void csvTakesEveryColumnButTheLabelAsAFeature() throws IOException {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x,y,class\n1.5,2,0\n3,4.25,1\n");
        Dataset<Row> data = DataSources.read(spark, new DataSpec("csv", csv.toString(), Map.of("label", "class")), 2);
        List<Row> rows = data.collectAsList();
        assertThat(features(rows.get(0))).containsExactly(1.5f, 2f);
        assertThat(features(rows.get(1))).containsExactly(3f, 4.25f);
        assertThat(rows.get(1).getInt(1)).isEqualTo(1);
        assertThatThrownBy(() -> DataSources.read(spark, new DataSpec("csv", csv.toString(), Map.of()), 2))
                .hasMessage("data file " + csv + " has no label column 'label' (columns: x, y, class); set data.options.label");
    }

    @Test
    void libsvmAndParquetAreReadThroughSpark() {
        Path libsvm = dir.resolve("points.libsvm");
        try {
            Files.writeString(libsvm, "1 1:0.5 3:2\n0 2:1\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<Row> rows = DataSources.read(spark, new DataSpec("libsvm", libsvm.toString(), Map.of()), 3).collectAsList();
        assertThat(features(rows.get(0))).containsExactly(0.5f, 0f, 2f);
        assertThat(rows.get(0).getDouble(1)).isEqualTo(1.0);

        Path parquet = dir.resolve("points.parquet");
        DataSources.read(spark, new DataSpec("synthetic", null, Map.of("examples", "30", "classes", "3")), 5)
                .write().parquet(parquet.toString());
        Dataset<Row> back = DataSources.read(spark, new DataSpec("parquet", parquet.toString(), Map.of()), 5);
        assertThat(back.count()).isEqualTo(30);
        assertThat(features(back.first())).hasSize(5);
    }

    @Test
    void syntheticDataIsTheSameForTheSameSeedAndOffset() {
        DataSpec spec = new DataSpec("synthetic", null, Map.of("examples", "20", "offset", "100", "seed", "5"));
        List<Row> a = DataSources.read(spark, spec, 4).collectAsList();
        List<Row> b = DataSources.read(spark, spec, 4).collectAsList();
        assertThat(a).hasSize(20);
        for (int i = 0; i < a.size(); i++) {
            assertThat(features(a.get(i))).containsExactly(features(b.get(i)));
        }
    }

    @Test
    void digitsAreDrawnFromTheSeedAndEachExamplesIndex() {
        DataSpec spec = new DataSpec("digits", null, Map.of("examples", "25", "offset", "1000000", "seed", "3"));
        List<Row> rows = DataSources.read(spark, spec, 784).collectAsList();
        DigitImages digits = new DigitImages(3);
        assertThat(rows).hasSize(25);
        for (int i = 0; i < rows.size(); i++) {
            float[] expected = new float[784];
            digits.features(1_000_000 + i, expected, 0);
            assertThat(features(rows.get(i))).containsExactly(expected);
            assertThat(rows.get(i).getInt(1)).isEqualTo(digits.label(1_000_000 + i));
        }
        assertThatThrownBy(() -> DataSources.read(spark, spec, 20)).hasMessage("digits data is 28 x 28 grey images, "
                + "784 features, but the model takes 20; set model.inputShape to [784] or [28, 28, 1]");
        assertThatThrownBy(() -> DataSources.read(spark, new DataSpec("digits", null, Map.of("seed", "lucky")), 784))
                .hasMessage("data.options.seed must be a whole number, got 'lucky'");
    }

    @Test
    void badSpecsNameTheField() {
        assertThatThrownBy(() -> DataSources.read(spark, new DataSpec("hdf5", "x", Map.of()), 4))
                .hasMessageStartingWith("data file x (data.path) does not exist");
        assertThatThrownBy(() -> DataSources.read(spark, new DataSpec("hdf5", dir.toString(), Map.of()), 4))
                .hasMessage("data.format must be one of idx, csv, libsvm, parquet, synthetic, digits; got 'hdf5'");
        assertThatThrownBy(() -> DataSources.read(spark, new DataSpec("synthetic", null, Map.of("examples", "-3")), 4))
                .hasMessage("data.options.examples must be a positive whole number, got '-3'");
        assertThatThrownBy(() -> DataSources.read(spark, new DataSpec("idx", dir.toString(), Map.of()), 4))
                .hasMessage("data.options.labels is required for idx data: the labels file");
    }
}
