package dev.gantry.placement;

import dev.gantry.spark.MesosClusterManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What ArchitectureTest must refuse: a placement class that reaches into the Spark cluster manager
 * and the file system. It lives in the CLI module's tests only, where both are on the classpath.
 */
public final class ForbiddenImportSample {
    private ForbiddenImportSample() {}

    public static String leak(Path file) throws IOException {
        return MesosClusterManager.class.getName() + Files.readString(file);
    }
}
