package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gantry.job.JobSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCheckTest {
    @TempDir
    Path temp;

    @Test
    void anExistingDirectoryOrOneThatCanBeCreatedPassesAndNothingIsCreated() {
        assertThatCode(() -> OutputCheck.check(temp.toString())).doesNotThrowAnyException();
        Path deep = temp.resolve("runs/a/b");
        assertThatCode(() -> OutputCheck.check(deep.toString())).doesNotThrowAnyException();
        assertThat(temp.resolve("runs")).doesNotExist();
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("out"), "x");
        assertThatThrownBy(() -> OutputCheck.check(file.toString())).isInstanceOf(JobSpecException.class)
                .hasMessage("output.directory: " + file + " is a file, not a directory");
    }

    @Test
    void aPathUnderAFileIsRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(temp.resolve("out"), "x");
        Path under = file.resolve("a/b");
        assertThatThrownBy(() -> OutputCheck.check(under.toString()))
                .hasMessage("output.directory: cannot create " + under + ": " + file + " is a file");
    }

    @Test
    void aBrokenSymbolicLinkIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("out"), temp.resolve("gone"));
        assertThatThrownBy(() -> OutputCheck.check(link.toString()))
                .hasMessage("output.directory: " + link + " is a symbolic link to something that does not exist");
    }

    @Test
    void aReadOnlyDirectoryIsRefused() throws IOException {
        // Permission bits do not stop root: the case exists only for other users.
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path locked = Files.createDirectory(temp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> OutputCheck.check(locked.toString()))
                    .hasMessage("output.directory: " + locked + " is not writable");
            assertThatThrownBy(() -> OutputCheck.check(locked.resolve("job").toString()))
                    .hasMessage("output.directory: cannot create " + locked.resolve("job") + ": " + locked + " is not writable");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
