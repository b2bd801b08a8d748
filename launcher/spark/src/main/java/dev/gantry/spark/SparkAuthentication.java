package dev.gantry.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The secret of Spark's RPC authentication ({@code spark.authenticate=true}) for an application on
 * a Mesos master. Spark takes it only from {@code spark.authenticate.secret} there (secret files
 * are for Kubernetes), and a secret given as a setting sits in job specs and on command lines,
 * where every user of the machine can read it. So users name a file
 * ({@value SparkKeys#AUTHENTICATE_SECRET_FILE}) or set {@value #ENVIRONMENT}; without either the
 * run gets a fresh random secret, which is all it needs: Gantry's backend hands the secret to
 * each executor in its task's environment, never on its command line.
 */
public final class SparkAuthentication {
    private static final String ENABLED = SparkKeys.AUTHENTICATE;
    private static final String SECRET = SparkKeys.AUTHENTICATE_SECRET;
    private static final String SECRET_FILE = SparkKeys.AUTHENTICATE_SECRET_FILE;
    public static final String ENVIRONMENT = "GANTRY_SPARK_AUTH_SECRET";
    /** Where to put a secret instead, for the one-line error that refuses one given inline. */
    public static final String INLINE_REFUSED = SECRET + " would be readable by anyone who sees the spec or the"
            + " command line (ps): put the secret in a file and set " + SECRET_FILE + "=FILE, or set the"
            + " environment variable " + ENVIRONMENT + " (without either, " + ENABLED + "=true uses a random"
            + " secret for the run)";

    private static final int GENERATED_BYTES = 32;

    private SparkAuthentication() {}

    /**
     * {@code settings} with {@value SparkKeys#AUTHENTICATE_SECRET} set when authentication is on: a
     * secret already there stays, else the file's (without its trailing line break), else the environment's, else a new
     * random one.
     *
     * @throws IllegalArgumentException naming {@value SparkKeys#AUTHENTICATE_SECRET_FILE} when that
     *                                  file cannot give a secret
     */
    public static Map<String, String> withSecret(Map<String, String> settings, Function<String, String> environment) {
        if (!Boolean.parseBoolean(settings.getOrDefault(ENABLED, "false").strip()) || settings.containsKey(SECRET)) {
            return settings;
        }
        Map<String, String> resolved = new LinkedHashMap<>(settings);
        resolved.put(SECRET, secret(settings.get(SECRET_FILE), environment.apply(ENVIRONMENT)));
        return resolved;
    }

    private static String secret(String file, String fromEnvironment) {
        if (file != null) {
            return fromFile(Path.of(file.strip()));
        }
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        byte[] random = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(SECRET_FILE + ": no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException(SECRET_FILE + ": cannot read " + file + ": " + e.getMessage());
        }
        String secret = text.strip();
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(SECRET_FILE + ": " + file + " is empty");
        }
        return secret;
    }
}
