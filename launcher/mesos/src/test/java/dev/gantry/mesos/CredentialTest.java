package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialTest {
    private static final String SECRET = "s3cr3t-Value";

    @Test
    void basicAuthorizationCarriesPrincipalAndSecret() {
        String header = Credential.of("gantry", SECRET).basicAuthorization();
        assertThat(header).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("gantry:" + SECRET);
    }

    @Test
    void toStringShowsThePrincipalOnly() {
        Credential credential = Credential.of("gantry", SECRET);
        assertThat(credential.toString()).contains("gantry").doesNotContain(SECRET);
    }

    @Test
    void fileSecretLosesItsTrailingLineBreak(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, " pass word\r\n");
        assertThat(Credential.fromFile("gantry", file).basicAuthorization())
                .isEqualTo(Credential.of("gantry", " pass word").basicAuthorization());
    }

    @Test
    void unreadableOrEmptySecretFileIsNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> Credential.fromFile("gantry", missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("cannot read");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> Credential.fromFile("gantry", empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("empty");
    }

    @Test
    void environmentSecretIsReadAndAMissingVariableIsNamed() {
        Map<String, String> environment = Map.of("GANTRY_SECRET", SECRET);
        assertThat(Credential.fromEnvironment("gantry", "GANTRY_SECRET", environment::get).basicAuthorization())
                .isEqualTo(Credential.of("gantry", SECRET).basicAuthorization());
        assertThatThrownBy(() -> Credential.fromEnvironment("gantry", "NO_SUCH_VARIABLE", environment::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NO_SUCH_VARIABLE").hasMessageContaining("not set");
    }

    @Test
    void aPrincipalBasicAuthenticationCannotCarryIsRefused() {
        assertThatThrownBy(() -> Credential.of("a:b", SECRET)).hasMessageContaining("colon");
        assertThatThrownBy(() -> Credential.of("", SECRET)).hasMessageContaining("principal");
        assertThatThrownBy(() -> Credential.of("gantry", "")).hasMessageContaining("empty")
                .hasMessageNotContaining(SECRET);
    }
}
