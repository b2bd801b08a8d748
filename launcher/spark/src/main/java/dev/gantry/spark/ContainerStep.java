package dev.gantry.spark;

import java.util.Optional;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.NetworkInfo;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The executor's container: a {@code MESOS} (unified) container, the only kind Mesos gives GPUs
 * to, with the executor image from {@code spark.mesos.executor.docker.image} and the network of
 * {@code spark.mesos.network.name}. Without either, the task runs in the agent's default
 * container and no ContainerInfo is sent. The Docker containerizer is refused earlier, in
 * {@link MesosBackendConf}, when executors ask for GPUs.
 */
final class ContainerStep implements ExecutorTaskStep {
    private final String containerizer;
    private final Optional<String> image;
    private final Optional<String> network;

    ContainerStep(String containerizer, Optional<String> image, Optional<String> network) {
        this.containerizer = containerizer;
        this.image = image;
        this.network = network;
    }

    @Override
    public void apply(ExecutorLaunch launch, TaskInfo.Builder task) {
        if (image.isEmpty() && network.isEmpty()) {
            return;
        }
        ContainerInfo.Builder container = ContainerInfo.newBuilder();
        if (containerizer.equals("docker")) {
            container.setType(ContainerInfo.Type.DOCKER)
                    .setDocker(ContainerInfo.DockerInfo.newBuilder().setImage(image.orElseThrow()));
        } else {
            container.setType(ContainerInfo.Type.MESOS);
            image.ifPresent(name -> container.setMesos(ContainerInfo.MesosInfo.newBuilder()
                    .setImage(Image.newBuilder().setType(Image.Type.DOCKER)
                            .setDocker(Image.Docker.newBuilder().setName(name)))));
        }
        network.ifPresent(name -> container.addNetworkInfos(NetworkInfo.newBuilder().setName(name)));
        task.setContainer(container);
    }
}
