package dev.gantry.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The API token the service commands send. Never an option's value: a command line is visible to
 * every user of the machine (ps, /proc) and lands in shell history. So: the file --token-file names,
 * else $GANTRY_TOKEN, else ~/.gantry/token when it exists. An explicit option wins over the
 * environment, as --service does over $GANTRY_SERVICE.
 */
final class ServiceToken {
    static final String ENVIRONMENT = "GANTRY_TOKEN";

    private ServiceToken() {}

    static String find(Path tokenFile, UnaryOperator<String> environment, Path home) {
        if (tokenFile != null) {
            return read(tokenFile);
        }
        String fromEnvironment = environment.apply(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        Path standard = standardFile(home);
        if (Files.exists(standard)) {
            return read(standard);
        }
        throw new IllegalArgumentException("no API token: set $" + ENVIRONMENT + ", pass --token-file FILE, or put"
                + " the token in " + standard);
    }

    static Path standardFile(Path home) {
        return home.resolve(".gantry").resolve("token");
    }

    /** The file's first line, trimmed (an editor's newline is no part of the token). */
    static String read(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("token file " + file + " is a directory, not a file");
        }
        String line;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            line = reader.readLine();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("token file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("token file " + file + " cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("token file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("token file " + file + " cannot be read: " + e.getMessage());
        }
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("token file " + file + " is empty");
        }
        return line.trim();
    }
}
