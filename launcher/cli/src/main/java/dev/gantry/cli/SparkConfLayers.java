package dev.gantry.cli;

import dev.gantry.spark.SparkAuthentication;
import dev.gantry.spark.SparkKeys;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The Spark configuration of a submitted application, layered as spark-submit layers it: a
 * properties file, then {@code --conf} pairs, then what the command itself decides. Like
 * spark-submit, it keeps only {@code spark.*} keys and remembers the others to warn about.
 */
final class SparkConfLayers {
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> ignored = new ArrayList<>();

    /** Reads a Java properties file (spark-defaults.conf format). */
    void addPropertiesFile(Path file) {
        Properties read = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--properties-file: no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--properties-file: cannot read " + file + ": " + e.getMessage());
        }
        for (String key : new TreeSet<>(read.stringPropertyNames())) {
            put(key, read.getProperty(key).strip());
        }
    }

    /**
     * One {@code --conf key=value}; the value may itself contain '='. Never the authentication
     * secret: a command line is there for every user of the machine to read.
     */
    void addConf(String pair) {
        int equals = pair.indexOf('=');
        if (equals <= 0 || pair.substring(0, equals).isBlank()) {
            throw new IllegalArgumentException("--conf: expected key=value, got '" + pair + "'");
        }
        String key = pair.substring(0, equals).strip();
        if (key.equals(SparkKeys.AUTHENTICATE_SECRET)) {
            throw new IllegalArgumentException("--conf: " + SparkAuthentication.INLINE_REFUSED);
        }
        put(key, pair.substring(equals + 1));
    }

    /** Adds Spark's authentication secret where authentication is on: see {@link SparkAuthentication}. */
    void resolveAuthenticationSecret() {
        Map<String, String> resolved = SparkAuthentication.withSecret(properties, System::getenv);
        properties.putAll(resolved);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    void setIfMissing(String key, String value) {
        properties.putIfAbsent(key, value);
    }

    void set(String key, String value) {
        properties.put(key, value);
    }

    /** The spark.* properties, later layers having replaced earlier ones. */
    Map<String, String> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /** Keys given that are not Spark's, in the order given. */
    List<String> ignoredKeys() {
        return Collections.unmodifiableList(ignored);
    }

    private void put(String key, String value) {
        if (key.startsWith("spark.")) {
            properties.put(key, value);
        } else if (!ignored.contains(key)) {
            ignored.add(key);
        }
    }
}
