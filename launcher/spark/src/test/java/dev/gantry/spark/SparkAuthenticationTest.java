package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Spark's authentication secret comes from when a job turns authentication on. */
class SparkAuthenticationTest {
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @TempDir
    Path temp;

    private static Map<String, String> on(String... more) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of("spark.authenticate", "true"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    @Test
    void withoutAuthenticationNothingIsAdded() {
        Map<String, String> settings = Map.of("spark.app.name", "x");
        assertThat(SparkAuthentication.withSecret(settings, NO_ENVIRONMENT::get)).isEqualTo(settings);
        assertThat(SparkAuthentication.withSecret(Map.of("spark.authenticate", "false"), Map.of(
                SparkAuthentication.ENVIRONMENT, "s")::get)).doesNotContainKey("spark.authenticate.secret");
    }

    @Test
    void theFileGivesTheSecretWithoutItsLineBreakAndWinsOverTheEnvironment() throws Exception {
        Path file = Files.writeString(temp.resolve("secret"), "from-the-file\n");
        Map<String, String> resolved = SparkAuthentication.withSecret(
                on("spark.authenticate.secret.file", file.toString()),
                Map.of(SparkAuthentication.ENVIRONMENT, "from-the-environment")::get);
        assertThat(resolved).containsEntry("spark.authenticate.secret", "from-the-file");
    }

    @Test
    void theEnvironmentGivesTheSecretWithoutAFile() {
        assertThat(SparkAuthentication.withSecret(on(), Map.of(SparkAuthentication.ENVIRONMENT, "env-secret")::get))
                .containsEntry("spark.authenticate.secret", "env-secret");
    }

    @Test
    void withNeitherEachRunGetsItsOwnRandomSecret() {
        String first = SparkAuthentication.withSecret(on(), NO_ENVIRONMENT::get).get("spark.authenticate.secret");
        String second = SparkAuthentication.withSecret(on(), NO_ENVIRONMENT::get).get("spark.authenticate.secret");
        assertThat(first).matches("[0-9a-f]{64}").isNotEqualTo(second);
    }

    @Test
    void aMissingOrEmptyFileIsNamedByItsKey() throws Exception {
        Path missing = temp.resolve("missing");
        assertThatThrownBy(() -> SparkAuthentication.withSecret(on("spark.authenticate.secret.file", missing.toString()),
                NO_ENVIRONMENT::get)).hasMessage("spark.authenticate.secret.file: no such file: " + missing);
        Path empty = Files.writeString(temp.resolve("empty"), " \n");
        assertThatThrownBy(() -> SparkAuthentication.withSecret(on("spark.authenticate.secret.file", empty.toString()),
                NO_ENVIRONMENT::get)).hasMessage("spark.authenticate.secret.file: " + empty + " is empty");
    }
}
