package dev.gantry.localcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.files.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded clusters running on this machine, one small JSON file each in a directory, so that
 * commands in other processes ({@code gantry status}, {@code gantry kill}) find a cluster without
 * being told its address. A file is {@code <pid>-<port>.json} holding
 * {@code {"url": "mesos://127.0.0.1:5050", "pid": 1234, "started": "2025-..."}}; it is written
 * to a temporary file and renamed, so readers never see half of one, and the directory is
 * created readable by its owner only. An entry whose process is gone (killed without closing
 * its registration) is stale: {@link #live()} skips and deletes it.
 *
 * <p>{@link EmbeddedClusters} is this machine's registry; tests make their own in a temporary
 * directory.
 */
public final class ClusterRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".json";
    /**
     * How much later than its registration a process may seem to have started and still be the
     * one that registered: the two clocks (the kernel's start time, the JVM's) differ slightly. A
     * process that started later than this reuses the pid of one that died.
     */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

    private final Path directory;

    public ClusterRegistry(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** An embedded cluster as registered: its master URL, the process serving it and when it started. */
    public record Entry(String url, long pid, Instant started) {}

    /**
     * Registers a cluster of this process until the returned registration is closed.
     *
     * @param url the master as Gantry and Spark name it, e.g. {@code mesos://127.0.0.1:5050}
     * @throws IOException when the directory or the file cannot be written
     */
    public Registration register(String url) throws IOException {
        Entry entry = new Entry(url, ProcessHandle.current().pid(), Instant.now());
        createPrivateDirectories(directory);
        Path file = directory.resolve(entry.pid() + "-" + portOf(url) + SUFFIX);
        ObjectNode node = JSON.createObjectNode();
        node.put("url", entry.url());
        node.put("pid", entry.pid());
        node.put("started", entry.started().toString());
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        AtomicFiles.write(file, out -> out.write(json));
        LOG.debug("registered embedded cluster {} in {}", url, file);
        return new Registration(entry, file);
    }

    /**
     * The clusters whose processes are alive, oldest first. Stale entries are deleted, unreadable
     * ones skipped; neither is an error, since a registry is a hint, not the truth.
     */
    public List<Entry> live() {
        List<Entry> live = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return live;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                Optional<Entry> entry = read(file);
                if (entry.isEmpty()) {
                    continue;
                }
                if (alive(entry.get())) {
                    live.add(entry.get());
                } else {
                    LOG.debug("removing stale registration {} (process {} is gone)", file, entry.get().pid());
                    deleteQuietly(file);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list the embedded cluster registry {}: {}", directory, e.toString());
        }
        live.sort(Comparator.comparing(Entry::started));
        return live;
    }

    private static Optional<Entry> read(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            String url = node.path("url").asText("");
            long pid = node.path("pid").asLong(-1);
            Instant started = Instant.parse(node.path("started").asText(""));
            if (url.isEmpty() || pid <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Entry(url, pid, started));
        } catch (IOException | RuntimeException e) {
            LOG.debug("skipping unreadable registration {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** Whether the process that registered {@code entry} still runs: alive, and not a newer process with its pid. */
    static boolean alive(Entry entry) {
        Optional<ProcessHandle> process = ProcessHandle.of(entry.pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> processStart = process.get().info().startInstant();
        return processStart.isEmpty() || !processStart.get().isAfter(entry.started().plus(CLOCK_SLACK));
    }

    private static String portOf(String url) {
        int port = -1;
        try {
            port = URI.create(url).getPort();
        } catch (IllegalArgumentException e) {
            // Not a URI; the hash below still keeps two clusters of one process apart.
        }
        return port >= 0 ? String.valueOf(port) : Integer.toHexString(url.hashCode());
    }

    private static void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(directory, ownerOnly);
        } else {
            Files.createDirectories(directory);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", file, e.toString());
        }
    }

    /** A cluster's entry in the registry; closing it removes the entry. Closing twice is harmless. */
    public static final class Registration implements AutoCloseable {
        private final Entry entry;
        private final Path file;

        private Registration(Entry entry, Path file) {
            this.entry = entry;
            this.file = file;
        }

        /** A registration that wrote nothing, for a cluster that could not be registered. */
        static Registration none(String url) {
            return new Registration(new Entry(url, ProcessHandle.current().pid(), Instant.now()), null);
        }

        public Entry entry() {
            return entry;
        }

        /** The registry file, empty when nothing was written. */
        public Optional<Path> file() {
            return Optional.ofNullable(file);
        }

        @Override
        public void close() {
            if (file != null) {
                deleteQuietly(file);
            }
        }
    }
}
