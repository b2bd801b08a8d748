package dev.gantry.protocol;

/**
 * The names of the Mesos resources Gantry offers, asks for and reads, as they appear in
 * {@code Resource.name}, in agents' {@code --resources} and in the master's {@code /state}.
 */
public final class ResourceNames {
    public static final String CPUS = "cpus";
    public static final String MEM = "mem";
    public static final String GPUS = "gpus";
    public static final String DISK = "disk";
    public static final String PORTS = "ports";

    private ResourceNames() {}
}
