package dev.gantry.mesos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo.Capability;

/**
 * Builds the {@link FrameworkInfo} Gantry subscribes with. It always declares {@code MULTI_ROLE}
 * (roles are given as a list, and SUPPRESS/REVIVE name roles) and, unless told otherwise,
 * {@code GPU_RESOURCES}: without it the master hides every agent that has GPUs from the framework.
 */
public final class FrameworkInfos {
    private final String name;
    private String user = System.getProperty("user.name");
    private final List<String> roles = new ArrayList<>();
    private boolean gpuResources = true;
    private String principal;
    private String webuiUrl;
    private Duration failoverTimeout;
    private boolean checkpoint;
    private String hostname;

    private FrameworkInfos(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public static FrameworkInfos builder(String name) {
        return new FrameworkInfos(name);
    }

    /** The OS user tasks run as; the user running this JVM unless set. */
    public FrameworkInfos user(String user) {
        this.user = Objects.requireNonNull(user, "user");
        return this;
    }

    /** The roles to take offers for; {@code *} (the default role) when none are given. */
    public FrameworkInfos roles(Collection<String> roles) {
        this.roles.clear();
        this.roles.addAll(roles);
        return this;
    }

    public FrameworkInfos roles(String... roles) {
        return roles(List.of(roles));
    }

    public FrameworkInfos gpuResources(boolean gpuResources) {
        this.gpuResources = gpuResources;
        return this;
    }

    public FrameworkInfos principal(String principal) {
        this.principal = principal;
        return this;
    }

    public FrameworkInfos webuiUrl(String webuiUrl) {
        this.webuiUrl = webuiUrl;
        return this;
    }

    /** How long the master keeps the framework's tasks running while the scheduler is away. */
    public FrameworkInfos failoverTimeout(Duration failoverTimeout) {
        if (failoverTimeout.isNegative()) {
            throw new IllegalArgumentException("failover timeout is negative: " + failoverTimeout);
        }
        this.failoverTimeout = failoverTimeout;
        return this;
    }

    public FrameworkInfos checkpoint(boolean checkpoint) {
        this.checkpoint = checkpoint;
        return this;
    }

    public FrameworkInfos hostname(String hostname) {
        this.hostname = hostname;
        return this;
    }

    public FrameworkInfo build() {
        if (user == null || user.isEmpty()) {
            throw new IllegalStateException("no OS user for the framework: set one with user(...)");
        }
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder()
                .setName(name)
                .setUser(user)
                .addAllRoles(roles.isEmpty() ? List.of("*") : roles)
                .addCapabilities(Capability.newBuilder().setType(Capability.Type.MULTI_ROLE))
                .setCheckpoint(checkpoint);
        if (gpuResources) {
            info.addCapabilities(Capability.newBuilder().setType(Capability.Type.GPU_RESOURCES));
        }
        if (principal != null) {
            info.setPrincipal(principal);
        }
        if (webuiUrl != null) {
            info.setWebuiUrl(webuiUrl);
        }
        if (failoverTimeout != null) {
            info.setFailoverTimeout(failoverTimeout.toMillis() / 1000.0);
        }
        if (hostname != null) {
            info.setHostname(hostname);
        }
        return info.build();
    }
}
