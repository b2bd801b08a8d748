package dev.gantry.gpu.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code gantry bench gpu} measured, and enough about the run to repeat it and to know
 * what it ran on.
 *
 * @param command the exact command line, to run again on another machine
 * @param cudaDriver the driver's CUDA version, e.g. "12.8"
 * @param bufferBytes the size of each copy, and of each buffer
 * @param secondsPerMeasurement how long each rate was sampled for
 */
public record BenchReport(String gantry, String command, String startedAt, String host, String java,
                          String cudaDriver, long bufferBytes, double secondsPerMeasurement,
                          List<DeviceResult> devices) {
    public BenchReport {
        devices = List.copyOf(devices);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the benchmark report as JSON: " + e.getMessage(), e);
        }
    }

    /** Writes the JSON to {@code file}, creating its folder. */
    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson());
    }

    /** "12.8" for the driver API's 12080. */
    static String cudaVersion(int driverVersion) {
        return driverVersion <= 0 ? "unknown" : driverVersion / 1000 + "." + driverVersion % 1000 / 10;
    }
}
