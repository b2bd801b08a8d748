package dev.gantry.service.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which database holds {@code gantry serve}'s state: the embedded one (H2) in the service's data
 * directory, by default, or a PostgreSQL server for a shared deployment, named by its JDBC URL,
 * with the user and the password (from a file or an environment variable) given apart.
 */
public sealed interface DatabaseConfig {

    /** How messages name the database: its file or its URL, never a password. */
    String describe();

    /** The embedded database, in {@code dataDirectory}/store. */
    static DatabaseConfig embedded(Path dataDirectory) {
        return new Embedded(dataDirectory);
    }

    /**
     * A PostgreSQL database.
     *
     * @param jdbcUrl {@code jdbc:postgresql://host:5432/gantry}, without a password in it
     */
    static DatabaseConfig postgres(String jdbcUrl, String user, Secret password) {
        return new Postgres(jdbcUrl, user, password);
    }

    /** H2 in {@code dataDirectory/store/gantry.mv.db}. */
    record Embedded(Path dataDirectory) implements DatabaseConfig {
        public Embedded {
            dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath().normalize();
            // The path becomes part of a JDBC URL, whose settings ';' separates.
            if (dataDirectory.toString().contains(";")) {
                throw new IllegalArgumentException("data directory " + dataDirectory + " must not contain ';'");
            }
        }

        /** The database's files, without H2's suffix. */
        public Path databaseFile() {
            return dataDirectory.resolve("store").resolve("gantry");
        }

        @Override
        public String describe() {
            return "embedded database " + databaseFile() + ".mv.db";
        }
    }

    record Postgres(String jdbcUrl, String user, Secret password) implements DatabaseConfig {
        private static final Pattern PASSWORD_IN_URL =
                Pattern.compile("[?&;]password=|//[^/@]*:[^/@]*@", Pattern.CASE_INSENSITIVE);

        public Postgres {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (!jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("database url must start with jdbc:postgresql:, got " + redact(jdbcUrl));
            }
            if (PASSWORD_IN_URL.matcher(jdbcUrl).find()) {
                throw new IllegalArgumentException("database url " + redact(jdbcUrl) + " carries a password: give it in a"
                        + " file or an environment variable instead, where command lines and logs do not show it");
            }
            if (user.isBlank()) {
                throw new IllegalArgumentException("database user is empty");
            }
        }

        @Override
        public String describe() {
            return "PostgreSQL database " + jdbcUrl + " as " + user;
        }

        /** The URL with anything after the path cut, for messages about a URL that may hold a secret. */
        private static String redact(String url) {
            int query = url.indexOf('?');
            String cut = query < 0 ? url : url.substring(0, query) + "?...";
            return cut.replaceAll("//[^/@]*@", "//...@");
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
