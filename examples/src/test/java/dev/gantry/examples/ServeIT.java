package dev.gantry.examples;

import dev.gantry.testing.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code gantry serve} on an embedded cluster started on its own with {@code gantry cluster start},
 * keeping its state in a real PostgreSQL server, as a shared deployment does (its real-Mesos twin
 * uses the embedded database): the kill -9 and restart must lose nothing there either.
 */
class ServeIT extends ServeScenario {
    private PostgresServer postgres;

    @Override
    String startCluster() throws Exception {
        Process cluster = gantry(temp.resolve("cluster.log"), "cluster", "start", "--port", "0", "--agents", "1",
                "--gpus", "2", "--cpus", "6", "--mem", "12288", "--work-dir", temp.resolve("sandboxes").toString());
        return awaitLine(temp.resolve("cluster.log"), MASTER, cluster);
    }

    @Override
    List<String> databaseOptions() throws Exception {
        postgres = PostgresServer.start();
        return List.of("--database-url", postgres.createDatabase("gantry"), "--database-user", postgres.user(),
                "--database-password-file", postgres.passwordFile().toString());
    }

    @AfterEach
    void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
