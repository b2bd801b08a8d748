package dev.gantry.cli;

import dev.gantry.localcluster.LocalCluster;
import dev.gantry.spark.MesosSparkSettings;
import dev.gantry.spark.SparkKeys;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gantry spark-submit}: runs a Spark application's main in client mode in this JVM, the
 * way spark-submit would, because Spark 4's spark-submit refuses {@code mesos://} masters.
 */
@Command(name = "spark-submit",
        mixinStandardHelpOptions = true,
        defaultValueProvider = SparkSubmitCommand.ClusterDefaults.class,
        description = "Runs a Spark application in client mode in this JVM: on a Mesos master (mesos://host:5050),"
                + " on any other Spark master, or, without a master, on an embedded cluster started for it and"
                + " stopped when it ends. Everything after APP_JAR goes to the application.")
final class SparkSubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: mesos://host:5050, local[N],"
            + " spark://host:7077, ... (default: spark.master from --conf or --properties-file, else an embedded"
            + " cluster on this machine).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark property; repeatable.")
    List<String> confs = new ArrayList<>();

    @Option(names = "--properties-file", paramLabel = "FILE", description = "Spark properties to start from"
            + " (Java properties format); --conf wins over it.")
    Path propertiesFile;

    @Option(names = "--name", description = "Application name (default: spark.app.name, else the main class).")
    String name;

    @Option(names = "--jars", split = ",", paramLabel = "JAR", description = "More jars for the driver and"
            + " executors, comma-separated (default: spark.jars).")
    List<String> jars;

    @Option(names = "--class", required = true, paramLabel = "MAIN", description = "The application's main class.")
    String mainClass;

    @Mixin
    EmbeddedClusterOptions clusterOptions;

    @Parameters(index = "0", paramLabel = "APP_JAR", description = "The application's jar.")
    Path appJar;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "The application's arguments.")
    List<String> appArgs = new ArrayList<>();

    /** As cluster start, but without GPUs: most Spark applications use none. */
    static final class ClusterDefaults extends EmbeddedClusterOptions.Defaults {
        ClusterDefaults() {
            super(2, 4, 8192, 0);
        }
    }

    private final EmbeddedMaster.Starter clusterStarter;

    SparkSubmitCommand() {
        this(LocalCluster::start);
    }

    SparkSubmitCommand(EmbeddedMaster.Starter clusterStarter) {
        this.clusterStarter = clusterStarter;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SparkConfLayers conf = new SparkConfLayers();
        if (propertiesFile != null) {
            conf.addPropertiesFile(propertiesFile);
        }
        confs.forEach(conf::addConf);
        String chosenMaster = master != null ? master : conf.get(SparkKeys.MASTER).orElse(null);
        EmbeddedClusterShape shape = null;
        if (chosenMaster == null) {
            shape = clusterOptions.shape();
        } else {
            clusterOptions.refuseWith(chosenMaster);
        }
        List<Path> extraJars = extraJars(conf);
        conf.set(SparkKeys.APP_NAME, name != null ? name : conf.get(SparkKeys.APP_NAME).orElse(mainClass));
        conf.set(SparkKeys.JARS, jarList(appJar, extraJars));
        conf.set(SparkKeys.DEPLOY_MODE, "client");
        for (String key : conf.ignoredKeys()) {
            err.println("gantry: ignoring '" + key + "', not a Spark property (spark.*)");
        }
        if (shape != null) {
            // Executors of an embedded cluster run on this machine: the driver needs no other address.
            conf.setIfMissing(SparkKeys.DRIVER_HOST, "127.0.0.1");
            conf.setIfMissing(SparkKeys.DRIVER_BIND_ADDRESS, "127.0.0.1");
        }
        if (shape != null || chosenMaster.startsWith("mesos://")) {
            // Read here only to refuse a bad value in one line; Spark's backend reads its own conf.
            MesosSparkSettings.read(conf.properties());
            // Spark takes the secret only as a setting on a Mesos master; other masters have their own ways.
            conf.resolveAuthenticationSecret();
        }

        try (ApplicationMain app = ApplicationMain.load(appJar, extraJars, mainClass, getClass().getClassLoader())) {
            if (shape == null) {
                conf.set(SparkKeys.MASTER, chosenMaster);
                return runApplication(app, conf, err);
            }
            try (EmbeddedMaster cluster = EmbeddedMaster.start(clusterStarter, shape.onFreeLoopbackPort())) {
                err.println("gantry: started an embedded cluster at " + cluster.mesosUrl() + " (" + shape.describe()
                        + (shape.gpus() > 0 && cluster.gpusSimulated() ? ", simulated" : "")
                        + ") as the Spark master; it stops when the application ends");
                err.flush();
                conf.set(SparkKeys.MASTER, cluster.mesosUrl());
                return runApplication(app, conf, err);
            }
        }
    }

    private int runApplication(ApplicationMain app, SparkConfLayers conf, PrintWriter err) {
        try (SparkSystemProperties applied = SparkSystemProperties.apply(conf.properties())) {
            app.run(appArgs.toArray(String[]::new));
            return 0;
        } catch (Throwable failure) {
            // Reported here, not by GantryCli: an IllegalArgumentException from the application is its
            // failure (exit 1), not bad input to Gantry (exit 2).
            err.println("gantry: application " + mainClass + " failed: " + failure);
            failure.printStackTrace(err);
            err.flush();
            return 1;
        }
    }

    /** --jars, else spark.jars, as local files; spark-submit's --jars also replaces spark.jars. */
    private List<Path> extraJars(SparkConfLayers conf) {
        List<String> given = jars != null ? jars
                : conf.get(SparkKeys.JARS).map(list -> Arrays.asList(list.split(","))).orElse(List.of());
        List<Path> local = new ArrayList<>();
        for (String entry : given) {
            String jar = entry.strip();
            if (!jar.isEmpty()) {
                local.add(localJar(jar));
            }
        }
        return local;
    }

    private static Path localJar(String jar) {
        if (jar.startsWith("file:")) {
            return Path.of(URI.create(jar)).toAbsolutePath();
        }
        if (jar.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !jar.matches("^[A-Za-z]:[\\\\/].*")) {
            throw new IllegalArgumentException("--jars: " + jar + " is not a local file (remote jars are not"
                    + " fetched; download it first)");
        }
        return Path.of(jar).toAbsolutePath();
    }

    private static String jarList(Path appJar, List<Path> extraJars) {
        List<String> all = new ArrayList<>();
        all.add(appJar.toAbsolutePath().toString());
        extraJars.forEach(jar -> all.add(jar.toString()));
        return String.join(",", all);
    }
}
