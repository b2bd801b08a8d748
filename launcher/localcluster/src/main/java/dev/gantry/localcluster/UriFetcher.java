package dev.gantry.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.mesos.v1.Protos.CommandInfo;

/**
 * Mesos' fetcher for one sandbox: copies each URI (a local path, {@code file://}, or
 * {@code http(s)://}) into the sandbox, extracts archives unless told not to, and marks
 * executables.
 */
final class UriFetcher {
    private static final List<String> ARCHIVES = List.of(".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2",
            ".tar.xz", ".txz", ".zip");

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** Fetches every URI into {@code sandbox}; the message of a failure names the URI. */
    void fetch(List<CommandInfo.URI> uris, Path sandbox) throws IOException, InterruptedException {
        for (CommandInfo.URI uri : uris) {
            fetchOne(uri, sandbox);
        }
    }

    private void fetchOne(CommandInfo.URI uri, Path sandbox) throws IOException, InterruptedException {
        String value = uri.getValue();
        String name = uri.hasOutputFile() && !uri.getOutputFile().isEmpty()
                ? uri.getOutputFile()
                : baseName(value);
        Path target = sandbox.resolve(name).normalize();
        if (!target.startsWith(sandbox)) {
            throw new IOException("output file of " + value + " leaves the sandbox");
        }
        if (value.startsWith("http://") || value.startsWith("https://")) {
            download(value, target);
        } else {
            Path source = value.startsWith("file://") ? Path.of(URI.create(value)) : Path.of(value);
            if (!Files.isReadable(source)) {
                throw new IOException("cannot read " + value);
            }
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        boolean extract = !uri.hasExtract() || uri.getExtract();
        if (extract && isArchive(name)) {
            extract(target, sandbox);
        } else if (uri.getExecutable()) {
            if (!target.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + target + " executable");
            }
        }
    }

    private void download(String url, Path target) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + response.statusCode());
            }
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void extract(Path archive, Path sandbox) throws IOException, InterruptedException {
        String lower = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        List<String> command = lower.endsWith(".zip")
                ? List.of("unzip", "-o", "-q", archive.toString(), "-d", sandbox.toString())
                : List.of("tar", "-xf", archive.toString(), "-C", sandbox.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("cannot extract " + archive.getFileName() + ": " + output.trim());
        }
    }

    private static boolean isArchive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ARCHIVES.stream().anyMatch(lower::endsWith);
    }

    private static String baseName(String uri) {
        String path = uri;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "download" : name;
    }
}
