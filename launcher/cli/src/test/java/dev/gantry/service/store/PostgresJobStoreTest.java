package dev.gantry.service.store;

import dev.gantry.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store's contract on a real PostgreSQL server, a new database per test. */
class PostgresJobStoreTest extends JobStoreContract {
    static PostgresServer server;
    static int databases;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    DatabaseConfig freshDatabase() throws Exception {
        String url = server.createDatabase("contract_" + ++databases);
        return DatabaseConfig.postgres(url, server.user(), Secret.fromFile(server.passwordFile()));
    }
}
