package dev.gantry.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseConfigTest {
    @TempDir
    Path dir;

    @Test
    void theEmbeddedDatabaseLivesInTheDataDirectory() {
        DatabaseConfig.Embedded embedded = (DatabaseConfig.Embedded) DatabaseConfig.embedded(dir);

        assertThat(embedded.databaseFile()).isEqualTo(dir.toAbsolutePath().resolve("store/gantry"));
        assertThat(embedded.describe()).isEqualTo("embedded database " + dir.toAbsolutePath() + "/store/gantry.mv.db");
        assertThatThrownBy(() -> DatabaseConfig.embedded(dir.resolve("a;b")))
                .hasMessageEndingWith("a;b must not contain ';'");
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() throws Exception {
        Secret password = secret("pw");

        assertThatThrownBy(() -> DatabaseConfig.postgres("jdbc:postgresql://db:5432/gantry?user=g&password=hunter2", "g",
                        password))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("database url jdbc:postgresql://db:5432/gantry?... carries a password")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseConfig.postgres("jdbc:postgresql://g:hunter2@db/gantry", "g", password))
                .hasMessageContaining("carries a password").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseConfig.postgres("jdbc:mysql://db/gantry", "g", password))
                .hasMessage("database url must start with jdbc:postgresql:, got jdbc:mysql://db/gantry");
        assertThat(DatabaseConfig.postgres("jdbc:postgresql://db:5432/gantry?sslmode=require", "g", password).describe())
                .isEqualTo("PostgreSQL database jdbc:postgresql://db:5432/gantry?sslmode=require as g");
    }

    @Test
    void aPasswordFileGivesItsLineAndNeverShowsIt() throws Exception {
        Secret secret = secret("s3cret\n");

        assertThat(secret.reveal()).isEqualTo("s3cret");
        assertThat(secret.toString()).isEqualTo("secret from password file " + dir.resolve("password"))
                .doesNotContain("s3cret");
        assertThat(secret("crlf\r\n").reveal()).isEqualTo("crlf");
        assertThatThrownBy(() -> secret("\n")).hasMessage("password file " + dir.resolve("password") + " is empty");
        assertThatThrownBy(() -> secret("a\nb\n")).hasMessageEndingWith("has more than one line");
        assertThatThrownBy(() -> Secret.fromFile(dir.resolve("absent")))
                .hasMessage("password file " + dir.resolve("absent") + " does not exist");
    }

    @Test
    void aPasswordFromTheEnvironmentNamesItsVariable() {
        assertThat(Secret.fromEnvironment("GANTRY_DB_PASSWORD", Map.of("GANTRY_DB_PASSWORD", "pw")).reveal()).isEqualTo("pw");
        assertThat(Secret.fromEnvironment("GANTRY_DB_PASSWORD", Map.of("GANTRY_DB_PASSWORD", "pw")).source())
                .isEqualTo("environment variable GANTRY_DB_PASSWORD");
        assertThatThrownBy(() -> Secret.fromEnvironment("GANTRY_DB_PASSWORD", Map.of()))
                .hasMessage("environment variable GANTRY_DB_PASSWORD (the database password) is not set");
    }

    private Secret secret(String content) throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, content);
        return Secret.fromFile(file);
    }
}
