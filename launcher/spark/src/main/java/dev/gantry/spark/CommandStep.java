package dev.gantry.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The executor process: a JVM running Spark's {@code CoarseGrainedExecutorBackend} with Spark's
 * module flags, the executor heap, the startup settings executors need before they can reach the
 * driver, and the executor environment. Runs through {@code sh} so that Spark's scratch space is
 * the task's sandbox ({@code $MESOS_SANDBOX}) and {@code java} is found on the PATH of an image;
 * every argument is single-quoted, then {@code exec} leaves the JVM alone to receive signals.
 */
final class CommandStep implements ExecutorTaskStep {
    static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    private final String java;
    private final String classpath;
    private final List<String> jvmOptions;
    private final String driverUrl;
    private final Supplier<String> appId;
    private final int cores;
    private final Map<String, String> environment;
    private final List<String> uris;

    /**
     * @param jvmOptions module flags, heap and {@code -D} startup settings, in order
     * @param appId the framework id, known once the backend has subscribed
     */
    CommandStep(String java, String classpath, List<String> jvmOptions, String driverUrl, Supplier<String> appId,
                int cores, Map<String, String> environment, List<String> uris) {
        this.java = java;
        this.classpath = classpath;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.driverUrl = driverUrl;
        this.appId = appId;
        this.cores = cores;
        this.environment = Map.copyOf(environment);
        this.uris = List.copyOf(uris);
    }

    @Override
    public void apply(ExecutorLaunch launch, TaskInfo.Builder task) {
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(jvmOptions);
        argv.add("-cp");
        argv.add(classpath);
        argv.add(EXECUTOR_MAIN);
        argv.addAll(List.of("--driver-url", driverUrl, "--executor-id", launch.executorId(),
                "--hostname", launch.hostname(), "--cores", String.valueOf(cores), "--app-id", appId.get(),
                "--resourceProfileId", "0"));
        StringBuilder shell = new StringBuilder("export SPARK_LOCAL_DIRS=\"${SPARK_LOCAL_DIRS:-$MESOS_SANDBOX}\"; exec");
        for (String arg : argv) {
            shell.append(' ').append(quote(arg));
        }
        CommandInfo.Builder command = CommandInfo.newBuilder().setShell(true).setValue(shell.toString());
        Environment.Builder env = Environment.newBuilder();
        environment.forEach((name, value) -> env.addVariables(
                Environment.Variable.newBuilder().setName(name).setValue(value)));
        command.setEnvironment(env);
        for (String uri : uris) {
            command.addUris(CommandInfo.URI.newBuilder().setValue(uri));
        }
        task.setCommand(command);
    }

    /** Single-quotes for {@code sh}: nothing inside is expanded, a quote becomes {@code '\''}. */
    static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
