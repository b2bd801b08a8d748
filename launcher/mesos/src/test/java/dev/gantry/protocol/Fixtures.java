package dev.gantry.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The Mesos v1 scheduler API examples, copied from the project's shared conformance data. */
public final class Fixtures {
    private Fixtures() {}

    public static Path directory() {
        URL url = Fixtures.class.getResource("/mesos-v1-scheduler/README.md");
        if (url == null) {
            throw new IllegalStateException("test resources lack mesos-v1-scheduler/");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                // Other modules' tests read the fixtures from this module's test jar once it is packaged.
                zipFileSystem(uri);
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void zipFileSystem(URI uri) {
        try {
            FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // Opened by an earlier call; Path.of finds it.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> calls() {
        return matching("_request");
    }

    public static List<Path> events() {
        return matching("_event");
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> matching(String marker) {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(f -> f.getFileName().toString().contains(marker) && f.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
