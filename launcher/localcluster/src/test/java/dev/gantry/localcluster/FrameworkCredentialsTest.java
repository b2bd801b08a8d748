package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkCredentialsTest {
    private static String basic(String principal, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((principal + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsMesosJsonAndLineFormats(@TempDir Path temp) throws Exception {
        Path json = temp.resolve("creds.json");
        Files.writeString(json, "{\"credentials\":[{\"principal\":\"a\",\"secret\":\"s1\"},{\"principal\":\"b\",\"secret\":\"s:2\"}]}");
        FrameworkCredentials fromJson = FrameworkCredentials.read(json);
        assertThat(fromJson.authenticate(basic("a", "s1"))).hasValue("a");
        assertThat(fromJson.authenticate(basic("b", "s:2"))).hasValue("b");
        assertThat(fromJson.authenticate(basic("a", "s2"))).isEmpty();
        assertThat(fromJson.authenticate("Bearer token")).isEmpty();
        assertThat(fromJson.authenticate("Basic !!!")).isEmpty();
        assertThat(fromJson.toString()).doesNotContain("s1").doesNotContain("s:2");

        Path lines = temp.resolve("creds");
        Files.writeString(lines, "# principals\nml   hunter2\n\n");
        assertThat(FrameworkCredentials.read(lines).authenticate(basic("ml", "hunter2"))).hasValue("ml");
    }

    @Test
    void errorsNameTheFileAndLineButNeverASecret(@TempDir Path temp) throws Exception {
        Path bad = temp.resolve("bad");
        Files.writeString(bad, "ml hunter2\nlonely-hunter3\n");
        assertThatThrownBy(() -> FrameworkCredentials.read(bad))
                .hasMessageContaining(bad.toString()).hasMessageContaining("line 2")
                .hasMessageNotContaining("hunter");
        Path missing = temp.resolve("missing");
        assertThatThrownBy(() -> FrameworkCredentials.read(missing)).hasMessageContaining(missing.toString());
        Path badJson = temp.resolve("bad.json");
        Files.writeString(badJson, "{\"credentials\":[{\"principal\":\"p\",\"secret\":\"hunter4\"");
        assertThatThrownBy(() -> FrameworkCredentials.read(badJson)).hasMessageNotContaining("hunter4");
    }
}
