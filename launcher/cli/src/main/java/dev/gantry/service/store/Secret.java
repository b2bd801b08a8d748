package dev.gantry.service.store;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A password read from a file or an environment variable, never from a command line or a URL. It
 * says where it came from, never what it is: {@link #toString()} and every message name only the
 * file or the variable.
 */
public final class Secret {
    private final String value;
    private final String source;

    private Secret(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /**
     * The file's content without its final line break (as {@code echo pw > file} writes it).
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or is empty
     */
    public static Secret fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("password file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("password file " + file + " cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("password file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("password file " + file + " cannot be read: " + e.getMessage());
        }
        String value = stripLineBreak(text);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("password file " + file + " is empty");
        }
        if (value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("password file " + file + " has more than one line");
        }
        return new Secret(value, "password file " + file);
    }

    /** The value of environment variable {@code name}. */
    public static Secret fromEnvironment(String name) {
        return fromEnvironment(name, System.getenv());
    }

    static Secret fromEnvironment(String name, Map<String, String> environment) {
        Objects.requireNonNull(name);
        String value = environment.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + name + " (the database password) is not set");
        }
        return new Secret(value, "environment variable " + name);
    }

    /** The secret itself: hand it to the one API that needs it, never to a log or a message. */
    public String reveal() {
        return value;
    }

    /** Where it came from, e.g. "password file /etc/gantry/db-password". */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "secret from " + source;
    }

    private static String stripLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }
}
