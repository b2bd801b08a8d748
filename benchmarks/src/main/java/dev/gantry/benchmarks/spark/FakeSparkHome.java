package dev.gantry.benchmarks.spark;

import dev.gantry.files.Directories;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SPARK_HOME for local-cluster made of this JVM's own classpath, so that its executors run the
 * very jars the driver runs, as Gantry's executors do. What Spark 4.1 and 4.2 need of it (read from
 * Worker, ExecutorRunner, WorkerCommandBuilder and AbstractCommandBuilder.buildClassPath):
 * <ul>
 *   <li>{@code jars/}: {@code CommandBuilderUtils.findJarsDir} takes {@code $SPARK_HOME/jars} (or a
 *       source tree's {@code assembly/target/scala-2.13/jars}) and fails without one; its
 *       {@code jars/*} ends every executor classpath. Here it holds a link to each jar.</li>
 *   <li>{@code SPARK_SCALA_VERSION} in the environment (a real install's bin/load-spark-env.sh
 *       sets it), else a source tree's {@code launcher/target/scala-2.13}: buildClassPath asks for
 *       the Scala version before it looks for jars/.</li>
 *   <li>No {@code bin/} or {@code conf/}: executors are started by a ProcessBuilder in the worker,
 *       not by scripts; {@code conf/} only goes on the classpath if present.</li>
 * </ul>
 * The worker also puts executors' working directories under {@code $SPARK_HOME/work}.
 */
final class FakeSparkHome {
    private FakeSparkHome() {}

    static Path create() throws IOException {
        Path home = Files.createTempDirectory("gantry-spark-home-");
        Path jars = Files.createDirectories(home.resolve("jars"));
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isRegularFile(path) && entry.endsWith(".jar")) {
                // Numbered, because jars from different folders may share a file name.
                Files.createSymbolicLink(jars.resolve(String.format("%03d-%s", index++, path.getFileName())), path);
            }
        }
        if (index == 0) {
            throw new IllegalStateException("no jar on the classpath to put into " + jars);
        }
        return home;
    }

    /** The Scala version as buildClassPath wants it, e.g. 2.13, from the Scala library Spark runs on. */
    static String scalaVersion() {
        String full = scala.util.Properties.versionNumberString();
        return full.substring(0, full.lastIndexOf('.'));
    }

    /** Removes the home, its links (never what they point to) and the executors' work folders. */
    static void delete(Path home) {
        try {
            Directories.deleteTree(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + home, e);
        }
    }
}
