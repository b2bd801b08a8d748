package dev.gantry.cli;

import dev.gantry.gpu.CudaDevice;
import dev.gantry.gpu.CudaDevices;
import dev.gantry.gpu.CudaInventory;
import dev.gantry.gpu.bench.BenchReport;
import dev.gantry.gpu.bench.BenchTable;
import dev.gantry.gpu.bench.GpuBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gantry bench gpu}: copy bandwidths and FP32 throughput of each visible GPU against its
 * own peak. Needs only the NVIDIA driver and this jar's classes, JCuda, picocli and Jackson, so it
 * also runs from the small bundle {@code benchmarks/gpu/make-bundle.sh} builds.
 */
@Command(name = "gpu",
        mixinStandardHelpOptions = true,
        description = "Measures each visible NVIDIA GPU: device-to-device copy, pinned host-to-device and device-to-host"
                + " copies, and FP32 FMA throughput, each against the device's own peak. Prints a table and, with"
                + " --json, writes the figures. Exits 3 when there is no GPU to measure.")
final class BenchGpuCommand implements Callable<Integer> {
    /** No NVIDIA driver, or no GPU: nothing to measure, which scripts may want to tell from a failure. */
    static final int NO_GPU = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--device", paramLabel = "N", description = "Measure only CUDA device N (default: every visible"
            + " device, one after another).")
    Integer device;

    @Option(names = "--size", paramLabel = "MB", defaultValue = "256", description = "Size of each copy and buffer in"
            + " MiB (default: ${DEFAULT-VALUE}).")
    int sizeMb;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2", description = "Seconds to sample each"
            + " measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    private final Supplier<CudaInventory> inventory;

    BenchGpuCommand() {
        this(CudaDevices::list);
    }

    /** For tests: the GPUs as given, not as this machine has them. */
    BenchGpuCommand(Supplier<CudaInventory> inventory) {
        this.inventory = inventory;
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CudaInventory found = inventory.get();
        if (!found.hasDevices()) {
            err.println("gantry: " + found.unavailable().orElse("no NVIDIA GPU found"));
            return NO_GPU;
        }
        List<CudaDevice> devices = selected(found.devices());
        String command = commandLine();
        out.printf("%s: %d GPU(s), %d MiB buffers, %s s per measurement%n", command, devices.size(), sizeMb,
                seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds));
        out.flush();
        BenchReport report = GpuBench.run(devices, (long) sizeMb << 20, Duration.ofMillis(Math.round(seconds * 1000)),
                command, gantryVersion(), result -> {
                    out.print(BenchTable.format(result));
                    out.flush();
                });
        if (json != null) {
            report.writeJson(json);
            out.println("wrote " + json);
        }
        return 0;
    }

    private void checkOptions() {
        if (sizeMb <= 0) {
            throw new IllegalArgumentException("--size " + sizeMb + ": must be at least 1 (MiB)");
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new IllegalArgumentException("--seconds " + seconds + ": must be more than 0 and at most 3600");
        }
        if (json != null && Files.isDirectory(json)) {
            throw new IllegalArgumentException("--json " + json + ": is a directory; give a file name");
        }
    }

    private List<CudaDevice> selected(List<CudaDevice> devices) {
        if (device == null) {
            return devices;
        }
        return devices.stream().filter(d -> d.ordinal() == device).findFirst().map(List::of)
                .orElseThrow(() -> new IllegalArgumentException("--device " + device + ": CUDA sees "
                        + devices.size() + " GPU(s) here, numbered "
                        + devices.stream().map(d -> String.valueOf(d.ordinal())).collect(Collectors.joining(", "))));
    }

    /** The command as typed (picocli keeps the whole line, subcommands included), quoted for a shell. */
    private String commandLine() {
        List<String> typed = spec.commandLine().getParseResult().originalArgs();
        return "gantry " + typed.stream().map(BenchGpuCommand::shellWord).collect(Collectors.joining(" "));
    }

    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static String gantryVersion() {
        String version = BenchGpuCommand.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
