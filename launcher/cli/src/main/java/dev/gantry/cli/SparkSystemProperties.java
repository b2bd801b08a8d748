package dev.gantry.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Hands a Spark configuration to an application the way spark-submit does in client mode: as
 * {@code spark.*} system properties, which {@code new SparkConf()} reads. Closing puts every
 * {@code spark.*} property back as it was before, including any that Spark or the application
 * set meanwhile, so that nothing leaks into the next command run in this JVM.
 */
final class SparkSystemProperties implements AutoCloseable {
    private static final String PREFIX = "spark.";

    private final Map<String, String> before;

    private SparkSystemProperties(Map<String, String> before) {
        this.before = before;
    }

    static SparkSystemProperties apply(Map<String, String> properties) {
        properties.keySet().stream().filter(key -> !key.startsWith(PREFIX)).findFirst().ifPresent(key -> {
            throw new IllegalArgumentException("not a Spark property: " + key);
        });
        SparkSystemProperties saved = new SparkSystemProperties(sparkProperties());
        properties.forEach(System::setProperty);
        return saved;
    }

    @Override
    public void close() {
        for (String key : sparkProperties().keySet()) {
            if (!before.containsKey(key)) {
                System.clearProperty(key);
            }
        }
        before.forEach(System::setProperty);
    }

    private static Map<String, String> sparkProperties() {
        Map<String, String> found = new HashMap<>();
        Properties system = System.getProperties();
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                found.put(key, system.getProperty(key));
            }
        }
        return found;
    }
}
