package dev.gantry.cli;

import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Prints, one per line, the JVM options a Spark driver needs on Java 17+ ({@code --add-opens} and
 * friends). The {@code gantry} script runs the driver in its own JVM, so it must start that JVM
 * with them; asking the Spark jar on the classpath keeps the list right for that Spark version.
 */
public final class JvmOptions {
    private JvmOptions() {}

    static List<String> sparkDriver() {
        return List.of(JavaModuleOptions.defaultModuleOptionArray());
    }

    public static void main(String[] args) {
        sparkDriver().forEach(System.out::println);
    }
}
