package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.offers.OfferPool;
import dev.gantry.placement.ExecutorAllocation;
import dev.gantry.placement.ResourceSlice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;

class ExecutorTaskStepsTest {
    private static final ExecutorLaunch LAUNCH = new ExecutorLaunch("7", AgentID.newBuilder().setValue("S1").build(),
            "node-1", "ml", new ExecutorAllocation(List.of(
                    new ResourceSlice("cpus", "ml", false, 2), new ResourceSlice("cpus", "*", false, 2),
                    new ResourceSlice("mem", "*", false, 4480), new ResourceSlice("gpus", "*", true, 1))), OfferPool.none());

    /** A task with the basics (its required fields) and the steps under test. */
    private static TaskInfo build(ExecutorTaskStep... steps) {
        List<ExecutorTaskStep> all = new java.util.ArrayList<>();
        all.add(new BasicsStep("train"));
        all.addAll(List.of(steps));
        return new ExecutorTaskBuilder(all).build(LAUNCH);
    }

    @Test
    @SuppressWarnings("deprecation")
    void resourcesAreThePlannedSlicesInTheOffersRole() {
        TaskInfo task = build(new ResourcesStep());
        assertThat(task.getTaskId().getValue()).isEqualTo("7");
        assertThat(task.getName()).isEqualTo("train");
        assertThat(task.getAgentId().getValue()).isEqualTo("S1");
        assertThat(task.getResourcesList()).hasSize(4).allMatch(r -> r.getAllocationInfo().getRole().equals("ml"));
        Resource reserved = task.getResources(0);
        assertThat(reserved.getRole()).isEqualTo("ml");
        assertThat(reserved.getScalar().getValue()).isEqualTo(2);
        assertThat(task.getResources(3).hasRevocable()).isTrue();
    }

    @Test
    void theCommandStartsTheExecutorBackendWithQuotedArguments() {
        CommandStep step = new CommandStep("/jdk/bin/java", "/a b/*:/c", List.of("-Xmx1024m", "-Dx=it's"),
                "spark://CoarseGrainedScheduler@h:7077", () -> "fw-1", 4, Map.of("SPARK_USER", "me"), List.of("/data.tgz"));
        TaskInfo task = build(step);
        String shell = task.getCommand().getValue();
        assertThat(task.getCommand().getShell()).isTrue();
        assertThat(shell).startsWith("export SPARK_LOCAL_DIRS=\"${SPARK_LOCAL_DIRS:-$MESOS_SANDBOX}\"; exec '/jdk/bin/java'")
                .contains("'-cp' '/a b/*:/c'", "'-Dx=it'\\''s'",
                        "'org.apache.spark.executor.CoarseGrainedExecutorBackend'",
                        "'--executor-id' '7'", "'--hostname' 'node-1'", "'--cores' '4'", "'--app-id' 'fw-1'");
        assertThat(task.getCommand().getEnvironment().getVariables(0).getName()).isEqualTo("SPARK_USER");
        assertThat(task.getCommand().getUris(0).getValue()).isEqualTo("/data.tgz");
        assertThat(CommandStep.quote("a'b")).isEqualTo("'a'\\''b'");
    }

    @Test
    void testGpuIdsNameZeroToNMinusOneBesideTheCommandsEnvironment() {
        CommandStep command = new CommandStep("/jdk/bin/java", "/cp/*", List.of(), "spark://d@h:1", () -> "fw-1", 1,
                Map.of("SPARK_USER", "me"), List.of());
        TaskInfo task = build(command, new TestGpuIdsStep());
        assertThat(task.getCommand().getEnvironment().getVariablesList())
                .extracting(v -> v.getName() + "=" + v.getValue())
                .containsExactly("SPARK_USER=me", "CUDA_VISIBLE_DEVICES=0");
        ExecutorLaunch noGpus = new ExecutorLaunch("8", LAUNCH.agentId(), "node-1", "*",
                new ExecutorAllocation(List.of(new ResourceSlice("cpus", "*", false, 1))), OfferPool.none());
        TaskInfo.Builder cpuOnly = TaskInfo.newBuilder();
        new TestGpuIdsStep().apply(noGpus, cpuOnly);
        assertThat(cpuOnly.hasCommand()).as("an executor without GPUs is told nothing").isFalse();
    }

    @Test
    void anImageRunsInAMesosContainerAndNothingIsSentWithoutOne() {
        TaskInfo withImage = build(new ContainerStep("mesos", Optional.of("gantry/executor:0.1"), Optional.of("cni-net")));
        assertThat(withImage.getContainer().getType()).isEqualTo(ContainerInfo.Type.MESOS);
        assertThat(withImage.getContainer().getMesos().getImage().getDocker().getName()).isEqualTo("gantry/executor:0.1");
        assertThat(withImage.getContainer().getNetworkInfos(0).getName()).isEqualTo("cni-net");
        assertThat(build(new ContainerStep("mesos", Optional.empty(), Optional.empty())).hasContainer()).isFalse();
        assertThat(build(new LabelsStep(Map.of("team", "vision"))).getLabels().getLabels(0).getValue()).isEqualTo("vision");
    }

    @Test
    void executorJvmsGetSparksModuleFlagsHeapAndStartupSettingsButNoSecret() {
        org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf(false).set("spark.executor.memory", "2g")
                .set("spark.executor.extraJavaOptions", "-XX:+UseG1GC -Dname='two words'")
                .set("spark.authenticate", "true").set("spark.authenticate.secret", "s3cr3t")
                .set("spark.app.name", "not-a-startup-setting");
        List<String> options = ExecutorTasks.jvmOptions(conf, MesosBackendConf.from(conf).executorHeapMb());
        assertThat(options).contains("-Xmx2048m", "-XX:+UseG1GC", "-Dname=two words", "-Dspark.authenticate=true")
                .contains(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray());
        assertThat(String.join(" ", options)).doesNotContain("s3cr3t").doesNotContain("spark.app.name");
    }

    @Test
    void theDriversRelativeClasspathReachesExecutorsAsAbsolutePaths() {
        String sep = java.io.File.pathSeparator;
        String cwd = new java.io.File("").getAbsolutePath();
        assertThat(ExecutorTasks.absolute("target/app.jar" + sep + "/opt/lib/*" + sep + "lib/*" + sep))
                .isEqualTo(cwd + "/target/app.jar" + sep + "/opt/lib/*" + sep + cwd + "/lib/*");
    }
}
