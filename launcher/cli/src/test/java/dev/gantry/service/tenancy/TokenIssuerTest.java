package dev.gantry.service.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenIssuerTest {
    @TempDir
    Path dir;

    @Test
    void aNewTokenLogsItsUserInAndOnlyItsHashIsWritten() throws Exception {
        Path file = write(TenancyFileTest.EXAMPLE);

        String token = TokenIssuer.issue(file, "bob", null);

        String text = Files.readString(file);
        assertThat(text).doesNotContain(token).contains("tokenSha256: " + ApiTokens.sha256Hex(token));
        Tenancy tenancy = TenancyFile.read(file);
        assertThat(tenancy.authenticate(token)).map(User::name).contains("bob");
        assertThat(tenancy.authenticate(TenancyFileTest.ALICE_TOKEN)).map(User::name).contains("alice");
        // Only bob's entry changed: one line more, the comments and layout as they were.
        assertThat(text.lines().count()).isEqualTo(TenancyFileTest.EXAMPLE.lines().count() + 1);
        assertThat(text).contains("# gantry serve: who may submit", "role: research/nlp   # a hierarchical role");
        assertThat(text).contains("  bob:\n    tokenSha256: " + ApiTokens.sha256Hex(token) + "\n    team: nlp\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file is left").containsExactly(file);
        }
    }

    @Test
    void aNewTokenReplacesTheOldOne() throws Exception {
        Path file = write(TenancyFileTest.EXAMPLE);

        String token = TokenIssuer.issue(file, "alice", "vision");

        Tenancy tenancy = TenancyFile.read(file);
        assertThat(tenancy.authenticate(token)).map(User::name).contains("alice");
        assertThat(tenancy.authenticate(TenancyFileTest.ALICE_TOKEN)).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(TenancyFileTest.EXAMPLE.replace(
                ApiTokens.sha256Hex(TenancyFileTest.ALICE_TOKEN), ApiTokens.sha256Hex(token)));
    }

    @Test
    void aNewUserIsAddedToTheirTeamAfterTheOthers() throws Exception {
        Path file = write(TenancyFileTest.EXAMPLE + "# the end\n");

        String token = TokenIssuer.issue(file, "carol", "nlp");

        assertThat(Files.readString(file)).endsWith("""
                  bob:
                    team: nlp
                  carol:
                    team: nlp
                    tokenSha256: %s
                # the end
                """.formatted(ApiTokens.sha256Hex(token)));
        assertThat(TenancyFile.read(file).authenticate(token)).map(User::name).contains("carol");
    }

    @Test
    void theFirstUserOfAFileGetsAUsersSection() throws Exception {
        Path noUsers = write("teams:\n  a:\n    role: a\n");
        String first = TokenIssuer.issue(noUsers, "u", "a");
        assertThat(TenancyFile.read(noUsers).authenticate(first)).map(User::name).contains("u");

        Path emptyUsers = write("users:\nteams:\n  a:\n    role: a\n");
        String second = TokenIssuer.issue(emptyUsers, "u", "a");
        assertThat(TenancyFile.read(emptyUsers).authenticate(second)).map(User::name).contains("u");
        assertThat(Files.readString(emptyUsers)).startsWith("users:\n  u:\n    team: a\n    tokenSha256: ")
                .endsWith("teams:\n  a:\n    role: a\n");
    }

    @Test
    void theFileKeepsItsPermissions() throws Exception {
        Path file = write(TenancyFileTest.EXAMPLE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        TokenIssuer.issue(file, "bob", null);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void whatCannotBeDoneIsSaidAndTheFileIsLeftAsItWas() throws Exception {
        Path file = write(TenancyFileTest.EXAMPLE);

        assertThatThrownBy(() -> TokenIssuer.issue(file, "dave", null))
                .hasMessage(file + " has no user dave: give their team to add them");
        assertThatThrownBy(() -> TokenIssuer.issue(file, "dave", "audio"))
                .hasMessage(file + " has no team audio (teams: vision, nlp)");
        assertThatThrownBy(() -> TokenIssuer.issue(file, "bob", "vision"))
                .hasMessage(file + ": user bob is in team nlp, not vision: change their team in the file itself");
        assertThat(Files.readString(file)).isEqualTo(TenancyFileTest.EXAMPLE);

        Path flow = write("teams:\n  a:\n    role: a\nusers:\n  u: {team: a}\n");
        assertThatThrownBy(() -> TokenIssuer.issue(flow, "u", null))
                .hasMessageStartingWith(flow + " line 5: write this user's entry one field a line");
        Path broken = write("teams:\n  a:\n    role: a\n    weight: -1\n");
        assertThatThrownBy(() -> TokenIssuer.issue(broken, "u", "a"))
                .hasMessage(broken + " line 4: team a weight must be a number above 0, got '-1'");
        assertThat(Files.readString(broken)).isEqualTo("teams:\n  a:\n    role: a\n    weight: -1\n");
    }

    @Test
    void theCommandPrintsTheTokenAloneOnItsOutput() throws Exception {
        Path file = write(TenancyFileTest.EXAMPLE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = TokenIssuer.run(new String[] {file.toString(), "bob"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(exit).isZero();
        assertThat(token).matches("gantry_[A-Za-z0-9_-]{43}");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("shown this once").doesNotContain(token);
        assertThat(TenancyFile.read(file).authenticate(token)).map(User::name).contains("bob");
        assertThat(TokenIssuer.run(new String[] {file.toString()}, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("tenancy.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
