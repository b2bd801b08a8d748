package dev.gantry.service.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenancyFileTest {
    static final String ALICE_TOKEN = "gantry_alice-token-for-tests-only-0000000000000";
    static final String EXAMPLE = """
            # gantry serve: who may submit, under which Mesos role, with which share of the GPUs
            teams:
              vision:
                role: vision
                weight: 2
                maxGpus: 16
              nlp:
                role: research/nlp   # a hierarchical role
            users:
              alice:
                team: vision
                tokenSha256: %s
              bob:
                team: nlp
            """.formatted(ApiTokens.sha256Hex(ALICE_TOKEN));

    @TempDir
    Path dir;

    @Test
    void readsTeamsAndUsers() throws Exception {
        Tenancy tenancy = TenancyFile.read(write(EXAMPLE));

        assertThat(tenancy.teams()).containsOnlyKeys("vision", "nlp");
        assertThat(tenancy.team("vision")).contains(new Team("vision", "vision", 2, 16));
        assertThat(tenancy.team("nlp")).contains(new Team("nlp", "research/nlp", 1, null));
        assertThat(tenancy.team("nlp").orElseThrow().gpuCap()).isEmpty();
        assertThat(tenancy.users()).containsOnlyKeys("alice", "bob");
        assertThat(tenancy.user("bob").orElseThrow().tokenHash()).isEmpty();
        assertThat(tenancy.teamOf(tenancy.user("alice").orElseThrow()).role()).isEqualTo("vision");
    }

    @Test
    void aTokenFindsItsUserAndNothingElseDoes() throws Exception {
        Tenancy tenancy = TenancyFile.read(write(EXAMPLE));

        assertThat(tenancy.authenticate(ALICE_TOKEN)).map(User::name).contains("alice");
        assertThat(tenancy.authenticate(ALICE_TOKEN + "x")).isEmpty();
        assertThat(tenancy.authenticate(ApiTokens.sha256Hex(ALICE_TOKEN))).as("the hash is not the token").isEmpty();
        assertThat(tenancy.authenticate("")).isEmpty();
        assertThat(tenancy.authenticate(null)).isEmpty();
    }

    @Test
    void anUpperCaseHashIsTheSameHash() throws Exception {
        Tenancy tenancy = TenancyFile.read(write(EXAMPLE.replace(ApiTokens.sha256Hex(ALICE_TOKEN),
                ApiTokens.sha256Hex(ALICE_TOKEN).toUpperCase(java.util.Locale.ROOT))));

        assertThat(tenancy.authenticate(ALICE_TOKEN)).map(User::name).contains("alice");
    }

    @Test
    void generatedTokensAre256RandomBitsWithAPrefix() {
        String token = ApiTokens.generate();

        assertThat(token).startsWith("gantry_").hasSize(7 + 43).matches("gantry_[A-Za-z0-9_-]{43}");
        assertThat(ApiTokens.generate()).isNotEqualTo(token);
        assertThat(ApiTokens.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level field        | 'teams:\\n  a:\\n    role: a\\nuser:\\n  x: 1\\n'                | line 4: the file has an unknown field 'user' (known: teams, users)
            no teams                       | 'users: {}\\n'                                                   | line 1: no teams: every user belongs to a team, and a team to a Mesos role
            a team without a role          | 'teams:\\n  a:\\n    weight: 1\\n'                               | line 3: team a has no role: the Mesos role its jobs run under
            the default role               | 'teams:\\n  a:\\n    role: \"*\"\\n'                             | line 3: team a role '*' is Mesos' default role, which every framework shares: give the team a role of its own
            a role with a space            | 'teams:\\n  a:\\n    role: my role\\n'                           | line 3: team a role 'my role' must not contain whitespace, backslashes or control characters
            a role part with a dash        | 'teams:\\n  a:\\n    role: eng/-x\\n'                            | line 3: team a role 'eng/-x' must not have a part starting with '-'
            a zero weight                  | 'teams:\\n  a:\\n    role: a\\n    weight: 0\\n'                 | line 4: team a weight must be a number above 0, got '0'
            a text weight                  | 'teams:\\n  a:\\n    role: a\\n    weight: lots\\n'              | line 4: team a weight must be a number above 0, got 'lots'
            a negative cap                 | 'teams:\\n  a:\\n    role: a\\n    maxGpus: -2\\n'               | line 4: team a maxGpus must be a whole number, 0 or more (leave it out for no cap), got '-2'
            an unknown team field          | 'teams:\\n  a:\\n    role: a\\n    gpus: 2\\n'                   | line 4: team a has an unknown field 'gpus' (known: role, weight, maxGpus)
            a team twice                   | 'teams:\\n  a:\\n    role: a\\n  a:\\n    role: b\\n'            | line 4: teams has 'a' twice (first at line 2)
            a bad team name                | 'teams:\\n  a b:\\n    role: a\\n'                               | line 2: team name 'a b' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit
            a user of an unknown team      | 'teams:\\n  a:\\n    role: a\\nusers:\\n  u:\\n    team: b\\n'  | line 6: user u is in team 'b', which is not among the teams (a)
            a user without a team          | 'teams:\\n  a:\\n    role: a\\nusers:\\n  u:\\n    tokenSha256: x\\n' | line 6: user u has no team
            a user as a list               | 'teams:\\n  a:\\n    role: a\\nusers:\\n  u: [a]\\n'            | line 5: user u must be a mapping of its fields (team, tokenSha256), not a list
            a short hash                   | 'teams:\\n  a:\\n    role: a\\nusers:\\n  u:\\n    team: a\\n    tokenSha256: abc\\n' | line 7: user u tokenSha256 must be a SHA-256 in hex (64 digits 0-9, a-f), got 3 characters
            a token instead of a hash      | 'teams:\\n  a:\\n    role: a\\nusers:\\n  u:\\n    team: a\\n    tokenSha256: gantry_abc\\n' | line 7: user u tokenSha256 holds a token itself: this file keeps only the SHA-256 of a token; revoke that token and make a new one with TokenIssuer
            broken YAML                    | 'teams:\\n  a:\\n    role: [a\\n'                               | line 4: not valid YAML:
            a list at the top              | '- a\\n- b\\n'                                                  | line 1: the file must be a mapping with teams and users
            """)
    void aBadFileIsToldWithItsNameAndLine(String what, String yaml, String message) throws Exception {
        Path file = write(yaml.replace("\\n", "\n"));

        assertThatThrownBy(() -> TenancyFile.read(file))
                .isInstanceOf(TenancyException.class)
                .hasMessageStartingWith(file + " " + message.strip())
                .message().doesNotContain("\n");
    }

    @Test
    void twoUsersWithOneTokenAreRefused() throws Exception {
        String hash = ApiTokens.sha256Hex(ALICE_TOKEN);
        Path file = write("teams:\n  a:\n    role: a\nusers:\n  u:\n    team: a\n    tokenSha256: " + hash
                + "\n  v:\n    team: a\n    tokenSha256: " + hash + "\n");

        assertThatThrownBy(() -> TenancyFile.read(file)).hasMessage(file + " line 8: user v has the same token hash as"
                + " user u: each user needs a token of their own");
    }

    @Test
    void aMissingOrEmptyFileIsNamed() throws Exception {
        assertThatThrownBy(() -> TenancyFile.read(dir.resolve("none.yaml")))
                .hasMessage("tenancy file " + dir.resolve("none.yaml") + " does not exist");
        Path empty = write("# nothing yet\n");
        assertThatThrownBy(() -> TenancyFile.read(empty)).hasMessage(empty + " is empty: it needs its teams (and users)");
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("tenancy.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
