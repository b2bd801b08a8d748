package dev.gantry.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server (Debian's {@code postgresql} package) in a fresh data directory on a
 * free loopback port, for the tests of {@code gantry serve}'s store. When the package is missing
 * and this JVM runs as root with apt-get, installs it once per JVM (what CI and fresh machines
 * need); otherwise the test skips with one line saying why.
 *
 * <p>PostgreSQL refuses to run as root: as root, every PostgreSQL program runs as the package's
 * {@code postgres} user through {@code runuser}, and the data directory is that user's. Clients
 * log in over TCP as {@link #user()} with the password in {@link #passwordFile()} (SCRAM, as a
 * real deployment would); the server's superuser is reachable only through the Unix socket in the
 * server's private directory. Passwords go through files and standard input, never command lines.
 *
 * <p>{@link #close()} stops the server and deletes its directory; a shutdown hook kills it when
 * the JVM exits first.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final String SERVER_USER = "postgres";
    private static final String SUPERUSER = "postgres";
    private static final String CLIENT_USER = "gantry";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static String unavailable;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final Path passwordFile;
    private Process process;
    private Thread cleanup;

    private PostgresServer(Path bin, Path dir, int port, Path passwordFile) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.passwordFile = passwordFile;
    }

    /**
     * Creates a cluster in a new temporary directory, starts it, and creates the client user; skips
     * the test when PostgreSQL cannot be had.
     */
    public static PostgresServer start() throws IOException, InterruptedException {
        String why = ensureInstalled();
        Assumptions.assumeTrue(why == null, why);
        Path bin = binDirectory().orElseThrow();
        Path dir = Files.createTempDirectory("gantry-postgres");
        PostgresServer server = new PostgresServer(bin, dir, RealMesosCluster.freePort(), dir.resolve("client-password"));
        try {
            server.initialize();
            server.launch();
            server.psql("postgres", "CREATE ROLE " + CLIENT_USER + " LOGIN PASSWORD '"
                    + Files.readString(server.passwordFile).strip() + "';\n");
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}: no user or password in it. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** The login that owns the databases {@link #createDatabase} makes; not a superuser. */
    public String user() {
        return CLIENT_USER;
    }

    /** A file holding {@link #user()}'s password (one line), readable by this JVM. */
    public Path passwordFile() {
        return passwordFile;
    }

    /** Creates an empty database owned by {@link #user()}; returns its JDBC URL. */
    public String createDatabase(String name) throws IOException, InterruptedException {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database names here are lower-case letters, digits and '_': " + name);
        }
        psql("postgres", "CREATE DATABASE " + name + " OWNER " + CLIENT_USER + ";\n");
        return jdbcUrl(name);
    }

    /** Runs SQL as the superuser in {@code database} (through standard input); returns psql's output. */
    public String psql(String database, String sql) throws IOException, InterruptedException {
        return run(sql, bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory().toString(),
                "-p", String.valueOf(port), "-U", SUPERUSER, "-d", database, "-At");
    }

    /**
     * Stops the server the way an operator's restart does (fast shutdown: sessions are ended,
     * everything committed is kept) and starts it again on the same data and port.
     */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    private void initialize() throws IOException, InterruptedException {
        Path superPassword = dir.resolve("superuser-password");
        Files.writeString(superPassword, randomPassword() + "\n", StandardCharsets.UTF_8);
        Files.writeString(passwordFile, randomPassword() + "\n", StandardCharsets.UTF_8);
        Files.createDirectories(socketDirectory());
        giveToServerUser(dir);
        giveToServerUser(superPassword);
        giveToServerUser(socketDirectory());
        // The superuser logs in only through the socket, in a directory no one else can enter.
        run(null, bin.resolve("initdb").toString(), "-D", dataDirectory().toString(), "-U", SUPERUSER,
                "--pwfile=" + superPassword, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--locale=C");
        Files.delete(superPassword);
    }

    private void launch() throws IOException, InterruptedException {
        Path log = dir.resolve("postgres.log");
        List<String> command = asServerUser(bin.resolve("postgres").toString(), "-D", dataDirectory().toString(),
                "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + socketDirectory(),
                // A test database: nothing to keep through a power cut, so no waits on the disk.
                "-c", "fsync=off",
                "-c", "full_page_writes=off",
                "-c", "shared_buffers=16MB",
                "-c", "max_connections=60");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Process started = process;
        cleanup = new Thread(() -> kill(started), "postgres-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        awaitReady(log);
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with " + process.exitValue() + ": " + ServerFiles.tail(log));
            }
            Process ready = new ProcessBuilder(bin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p",
                    String.valueOf(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (ready.waitFor(10, TimeUnit.SECONDS) && ready.exitValue() == 0) {
                return;
            }
            ready.destroyForcibly();
            Thread.sleep(100);
        }
        throw new IllegalStateException("PostgreSQL did not accept connections on 127.0.0.1:" + port + " within "
                + START_TIMEOUT + ": " + ServerFiles.tail(log));
    }

    private void stop() throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        try {
            if (process.isAlive()) {
                run(null, bin.resolve("pg_ctl").toString(), "stop", "-D", dataDirectory().toString(), "-m", "fast", "-w",
                        "-t", "60");
            }
        } catch (IOException | IllegalStateException e) {
            // pg_ctl could not stop it: kill it below.
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill(process);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException exiting) {
            // The JVM is shutting down and runs the hook itself.
        }
        process = null;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            if (process != null) {
                kill(process);
            }
            ServerFiles.deleteTree(dir);
        }
    }

    /** The server and everything it started (runuser's child and the server's own processes). */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path dataDirectory() {
        return dir.resolve("data");
    }

    private Path socketDirectory() {
        return dir.resolve("run");
    }

    /** Runs a PostgreSQL program as the server's user, {@code input} on its standard input; its output. */
    private String run(String input, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(asServerUser(args)).redirectErrorStream(true);
        Process command = builder.start();
        try (OutputStream stdin = command.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!command.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            kill(command);
            throw new IllegalStateException(Path.of(args[0]).getFileName() + " took over " + COMMAND_TIMEOUT);
        }
        if (command.exitValue() != 0) {
            throw new IllegalStateException(Path.of(args[0]).getFileName() + " exited with " + command.exitValue() + ": "
                    + output.strip());
        }
        return output;
    }

    private static List<String> asServerUser(String... args) {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static void giveToServerUser(Path path) throws IOException {
        if (!isRoot()) {
            return;
        }
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal owner = users.lookupPrincipalByName(SERVER_USER);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(owner);
        GroupPrincipal group = users.lookupPrincipalByGroupName(SERVER_USER);
        view.setGroup(group);
        view.setPermissions(PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The newest installed server's programs, /usr/lib/postgresql/N/bin. */
    private static Optional<Path> binDirectory() {
        if (!Files.isDirectory(VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/postgres")) && Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Null when PostgreSQL is there (now); else why the test skips. */
    private static synchronized String ensureInstalled() throws InterruptedException {
        if (unavailable == null) {
            String failed = DebianPackages.install("postgresql", () -> binDirectory().isPresent());
            if (failed == null && isRoot() && !serverUserExists()) {
                failed = "PostgreSQL refuses to run as root and there is no '" + SERVER_USER + "' user to run it as";
            }
            unavailable = failed == null ? "" : "real PostgreSQL tests skipped: " + failed;
        }
        return unavailable.isEmpty() ? null : unavailable;
    }

    private static boolean serverUserExists() {
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_USER);
            return Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser"));
        } catch (IOException e) {
            return false;
        }
    }
}
