package dev.gantry.service.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenancySourceTest {
    private static final String TEAMS = """
            teams:
              vision:
                role: vision
                weight: 1
            users:
            """;

    @TempDir
    Path dir;
    private Path file;
    private String aliceToken;
    private TenancySource source;

    @BeforeEach
    void aServiceStartedWithAlice() throws Exception {
        file = Files.writeString(dir.resolve("tenancy.yaml"), TEAMS);
        aliceToken = TokenIssuer.issue(file, "alice", "vision");
        source = TenancySource.watching(file, TenancyFile.read(file));
    }

    @Test
    void aTokenIssuedWhileTheServiceRunsWorksAtOnce() {
        assertThat(source.current().authenticate(aliceToken)).isPresent();
        String bobToken = TokenIssuer.issue(file, "bob", "vision");

        assertThat(source.current().authenticate(bobToken)).map(User::name).contains("bob");
        assertThat(source.current().authenticate(aliceToken)).map(User::name).contains("alice");
    }

    @Test
    void aNewTokenReplacesTheOldOneAtOnce() {
        String again = TokenIssuer.issue(file, "alice", null);

        assertThat(source.current().authenticate(aliceToken)).isEmpty();
        assertThat(source.current().authenticate(again)).isPresent();
    }

    @Test
    void aChangedShareCountsAtOnce() throws Exception {
        Files.writeString(file, Files.readString(file).replace("weight: 1", "weight: 3"));

        assertThat(source.current().team("vision").orElseThrow().weight()).isEqualTo(3.0);
    }

    @Test
    void aFileThatNoLongerReadsLeavesTheTenancyAsItWas() throws Exception {
        Files.writeString(file, Files.readString(file) + "  carol: [not, a, user\n");

        assertThat(source.current().authenticate(aliceToken)).isPresent();
        assertThat(source.current().users()).containsOnlyKeys("alice");
    }

    @Test
    void aTeamInARoleTheServiceDidNotSubscribeWithIsNotTakenUntilARestart() throws Exception {
        Files.writeString(file, Files.readString(file).replace("users:", "  speech:\n    role: speech\nusers:"));
        String bobToken = TokenIssuer.issue(file, "bob", "speech");

        assertThat(source.current().teams()).containsOnlyKeys("vision");
        assertThat(source.current().authenticate(bobToken)).isEmpty();
        assertThat(source.roles()).containsExactly("vision");
        // Until the file says what the service can do again.
        Files.writeString(file, Files.readString(file).replace("role: speech", "role: vision"));
        assertThat(source.current().authenticate(bobToken)).map(User::team).contains("speech");
    }

    @Test
    void aFileGoneForAMomentLeavesTheTenancyAsItWas() throws Exception {
        Files.delete(file);

        assertThat(source.current().authenticate(aliceToken)).isPresent();
    }

    @Test
    void aFixedTenancyNeverReadsAFile() {
        TenancySource fixed = TenancySource.fixed(TenancyFile.read(file));
        TokenIssuer.issue(file, "bob", "vision");

        assertThat(fixed.current().users()).containsOnlyKeys("alice");
    }
}
