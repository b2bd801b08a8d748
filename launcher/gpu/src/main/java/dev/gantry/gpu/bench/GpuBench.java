package dev.gantry.gpu.bench;

import dev.gantry.gpu.CudaDevice;
import dev.gantry.gpu.CudaDevices;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code gantry bench gpu}: measures each given device in turn, one after another, never two at once. */
public final class GpuBench {
    private GpuBench() {}

    /**
     * Runs every measurement on every device; {@code finished} hears of each device as it is done.
     *
     * @param command the command line as typed, recorded in the report
     */
    public static BenchReport run(List<CudaDevice> devices, long bufferBytes, Duration perMeasurement, String command,
                                  String gantryVersion, Consumer<DeviceResult> finished) {
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Sampler sampler = new Sampler(perMeasurement, System::nanoTime);
        List<DeviceResult> results = new ArrayList<>();
        for (CudaDevice device : devices) {
            DeviceResult result = new DeviceBench(device, bufferBytes, sampler).run();
            results.add(result);
            finished.accept(result);
        }
        return new BenchReport(gantryVersion, command, started, hostname(), System.getProperty("java.version"),
                BenchReport.cudaVersion(CudaDevices.driverVersion()), bufferBytes,
                perMeasurement.toMillis() / 1e3, results);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
