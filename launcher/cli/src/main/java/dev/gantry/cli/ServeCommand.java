package dev.gantry.cli;

import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.mesos.Credential;
import dev.gantry.mesos.CredentialEnvironment;
import dev.gantry.queue.QueuePolicy;
import dev.gantry.service.api.ApiServer;
import dev.gantry.service.api.ApiSettings;
import dev.gantry.service.jobs.GantryService;
import dev.gantry.service.store.DatabaseConfig;
import dev.gantry.service.store.Secret;
import dev.gantry.service.tenancy.Tenancy;
import dev.gantry.service.tenancy.TenancyFile;
import dev.gantry.service.tenancy.TenancySource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gantry serve}: the team service. Reads and checks everything first (tenancy file, policy,
 * database, address), then starts the embedded cluster when no master is given, subscribes the
 * service's framework, and serves the API until Ctrl-C. Jobs' drivers run as Mesos tasks; with a
 * real master they outlive the service, which re-attaches them when started again.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        subcommands = {ServeTokenCommand.class},
        defaultValueProvider = ClusterStartCommand.ClusterDefaults.class,
        description = {"Runs Gantry as a team's GPU training service: jobs submitted over its HTTP API (gantry submit)"
                + " are queued by team share, and each job's driver runs as a Mesos task on the cluster.",
                "Without --master it starts an embedded cluster on this machine; with one, drivers outlive the service"
                        + " and a restarted service finds them again."})
final class ServeCommand implements Callable<Integer> {
    /** Where the API's token for the user the first start creates is kept, as {@code gantry submit} looks for it. */
    static final String TOKEN_FILE = ".gantry/token";

    @Spec
    CommandSpec spec;

    @Mixin
    EmbeddedClusterOptions clusterOptions;

    @Option(names = "--master", paramLabel = "URL", description = "Mesos master jobs run on, e.g."
            + " mesos://host:5050 or mesos://zk://host:2181/mesos (default: an embedded cluster on this machine).")
    String master;

    /** The service framework's credentials, for a master that authenticates frameworks. */
    @Mixin
    CredentialOptions credentials;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The service's data: its embedded database, the"
            + " tenancy file unless --tenancy, jobs' outputs (default: ~/.gantry/serve).")
    Path dataDirectory;

    @Option(names = "--tenancy", paramLabel = "FILE", description = "Teams, their Mesos roles and GPU shares, and"
            + " users with their tokens' hashes (default: DATA_DIR/tenancy.yaml, created on the first start with"
            + " one team and you in it).")
    Path tenancyFile;

    @Option(names = "--policy", defaultValue = "fair-share", description = "Queue policy: fair-share (teams' weighted"
            + " shares, least attained GPU service first, preemption through checkpoints) or fifo (default:"
            + " ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the API listens on (default:"
            + " ${DEFAULT-VALUE}; loopback only).")
    String host;

    @Option(names = "--port", description = "Port of the API (default: " + ApiSettings.DEFAULT_PORT + ").")
    Integer port;

    @Option(names = "--database-url", paramLabel = "JDBC_URL", description = "A PostgreSQL database for a shared"
            + " deployment, jdbc:postgresql://host:5432/gantry (default: the embedded one in DATA_DIR/store).")
    String databaseUrl;

    @Option(names = "--database-user", description = "The PostgreSQL user (default: gantry).")
    String databaseUser;

    @Option(names = "--database-password-file", paramLabel = "FILE", description = "File holding the PostgreSQL"
            + " password (else $GANTRY_DATABASE_PASSWORD).")
    Path databasePasswordFile;

    @Override
    public Integer call() throws Exception {
        Logging.defaultTo("INFO");
        PrintWriter out = spec.commandLine().getOut();
        Path data = dataDirectory != null ? dataDirectory.toAbsolutePath().normalize()
                : Path.of(System.getProperty("user.home"), ".gantry", "serve");
        // Everything read and checked before anything starts.
        QueuePolicy queuePolicy = queuePolicy();
        InetAddress address = address();
        ApiSettings api = ApiSettings.defaults().withAddress(address)
                .withPort(port == null ? ApiSettings.DEFAULT_PORT : port);
        DatabaseConfig database = database(data);
        Optional<Credential> credential = credentials.credential(CredentialEnvironment.of(System::getenv));
        if (master != null) {
            clusterOptions.refuseWith(master);
        }
        Path tenancyPath = tenancyFile != null ? tenancyFile : data.resolve("tenancy.yaml");
        Tenancy tenancy = tenancyFile == null ? FirstStart.tenancy(tenancyPath,
                Path.of(System.getProperty("user.home")).resolve(TOKEN_FILE), out) : TenancyFile.read(tenancyPath);
        // Tokens issued and shares changed while it runs count at once; a new Mesos role needs a restart.
        TenancySource tenancySource = TenancySource.watching(tenancyPath, tenancy);

        LocalCluster cluster = master == null ? startCluster(data) : null;
        String jobsMaster = cluster == null ? master : cluster.mesosUrl();
        GantryService service;
        ApiServer server;
        try {
            service = GantryService.start(GantryService.Settings.of(jobsMaster, data, tenancy, database)
                    .withTenancy(tenancySource).withPolicy(queuePolicy).withCredential(credential));
            try {
                service.awaitSubscribed(Duration.ofMinutes(2));
                server = ApiServer.start(service.jobs(), tenancySource, api, service.metrics());
            } catch (Exception e) {
                service.close();
                throw e;
            }
        } catch (Exception e) {
            if (cluster != null) {
                cluster.close();
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            service.close();
            if (cluster != null) {
                cluster.close();
            }
            stopped.countDown();
        }, "gantry-serve-shutdown"));
        out.println("gantry serve: API on " + server.url() + " (" + tenancy.users().size() + " user(s) in "
                + tenancy.teams().size() + " team(s) from " + tenancyPath + ")");
        out.println("jobs run on " + (cluster == null ? "the Mesos master " + master : "an embedded cluster at "
                + cluster.mesosUrl()) + ", queued by " + queuePolicy.name() + "; state in " + database.describe());
        out.println("submit with: gantry submit JOB.yaml --service " + server.url() + "   (Ctrl-C stops the service)");
        out.flush();
        stopped.await();
        return 0;
    }

    private QueuePolicy queuePolicy() {
        try {
            return QueuePolicy.named(policy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--policy: " + e.getMessage(), e);
        }
    }

    private InetAddress address() {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host: unknown address '" + host + "'");
        }
    }

    private DatabaseConfig database(Path data) {
        if (databaseUrl == null) {
            if (databaseUser != null || databasePasswordFile != null) {
                throw new IllegalArgumentException("--database-user and --database-password-file need --database-url");
            }
            return DatabaseConfig.embedded(data);
        }
        Secret password = databasePasswordFile != null ? Secret.fromFile(databasePasswordFile)
                : Secret.fromEnvironment("GANTRY_DATABASE_PASSWORD");
        return DatabaseConfig.postgres(databaseUrl, databaseUser == null ? "gantry" : databaseUser, password);
    }

    private LocalCluster startCluster(Path data) throws IOException {
        ClusterSpec clusterSpec = clusterOptions.shape().cluster(clusterOptions.shape().agent().build())
                .host("127.0.0.1").port(0).workDir(data.resolve("cluster")).build();
        try {
            return LocalCluster.start(clusterSpec);
        } catch (BindException e) {
            throw new IllegalStateException("cannot start the embedded cluster: " + e.getMessage());
        }
    }
}
