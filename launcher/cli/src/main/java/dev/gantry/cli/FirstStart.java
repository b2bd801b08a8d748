package dev.gantry.cli;

import dev.gantry.files.AtomicFiles;
import dev.gantry.service.tenancy.TenancyFile;
import dev.gantry.service.tenancy.Tenancy;
import dev.gantry.service.tenancy.ApiTokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * What {@code gantry serve} does when its data directory has no tenancy file yet, so that one person
 * on one machine can submit at once: a tenancy file with one team ({@code default}, in role {@code gantry}) and
 * the person running it as its user, and that user's token in {@code ~/.gantry/token} (readable by
 * the owner only), where {@code gantry submit} looks for it. The token is never printed.
 */
final class FirstStart {
    private FirstStart() {}

    static Tenancy tenancy(Path file, Path tokenFile, PrintWriter out) throws IOException {
        if (Files.exists(file)) {
            return TenancyFile.read(file);
        }
        String user = userName();
        String token = ApiTokens.generate();
        // The whole file at once, checked before it is written: a start that fails leaves no half file.
        String text = """
                # gantry serve's teams and users. Each team's jobs run in its Mesos role and share the GPUs by
                # weight (maxGpus caps a team); add users with: gantry serve token USER --team TEAM
                teams:
                  default:
                    role: gantry
                    weight: 1
                users:
                  %s:
                    team: default
                    tokenSha256: %s
                """.formatted(user, ApiTokens.sha256Hex(token));
        TenancyFile.parse(text, file.toString());
        Files.createDirectories(file.toAbsolutePath().getParent());
        writeToken(tokenFile, token);
        AtomicFiles.writeString(file, text);
        out.println("created " + file + " with team 'default' and user '" + user + "'; the user's API token is in "
                + tokenFile);
        return TenancyFile.read(file);
    }

    /** The token, alone on its line, in a file only its owner may read; replaced whole. */
    static void writeToken(Path tokenFile, String token) throws IOException {
        Files.createDirectories(tokenFile.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(tokenFile.toAbsolutePath().getParent(), ".token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, token + "\n");
            AtomicFiles.rename(temp, tokenFile);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** The OS user's name as a tenancy name: letters, digits, '.', '_' and '-'; {@code user} when nothing is left. */
    static String userName() {
        String name = System.getProperty("user.name", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
        name = name.replaceAll("^[._-]+", "");
        if (name.length() > 64) {
            name = name.substring(0, 64);
        }
        return name.isEmpty() ? "user" : name;
    }

}
