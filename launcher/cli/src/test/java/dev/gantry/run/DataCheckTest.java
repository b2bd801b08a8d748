package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.training.data.DataSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV side of the data check: which files it reads and how, as Spark will read them. */
class DataCheckTest {
    @TempDir
    Path temp;

    private static DataSpec csv(Path path, Map<String, String> options) {
        return new DataSpec("csv", path.toString(), options);
    }

    @Test
    void gzipFilesAreReadAsSparkReadsThem() throws IOException {
        Path file = temp.resolve("train.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a,b,label\n1,2,0\n1,two,1\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> DataCheck.check(csv(file, Map.of()), "data", 2, 2))
                .hasMessage("data.path: " + file + " line 3, column \"b\": \"two\" is not a number");
    }

    @Test
    void filesSparkDecompressesWithNativeCodecsAreLeftToIt() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("train"));
        Files.writeString(dir.resolve("part-0.csv.snappy"), "not text the check can read");
        assertThatCode(() -> DataCheck.check(csv(dir, Map.of()), "data", 2, 2)).doesNotThrowAnyException();
    }

    @Test
    void theHeaderOptionIsTrueOrFalseAsSparkTakesIt() throws IOException {
        Path file = Files.writeString(temp.resolve("train.csv"), "1,2,0\n");
        assertThatThrownBy(() -> DataCheck.check(csv(file, Map.of("header", "yes")), "data", 2, 2))
                .hasMessage("data.options.header must be true or false, got 'yes'");
        assertThatCode(() -> DataCheck.check(csv(file, Map.of("header", "FALSE", "label", "_c2")), "data", 2, 2))
                .doesNotThrowAnyException();
    }

    @Test
    void aHeaderOnlyFileHoldsNoExamples() throws IOException {
        Path file = Files.writeString(temp.resolve("train.csv"), "a,b,label\n");
        assertThatThrownBy(() -> DataCheck.check(csv(file, Map.of()), "data.validation", 2, 2))
                .hasMessage("data.validation.path: " + file + " holds no examples");
    }
}
