package dev.gantry.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's contract on a real PostgreSQL server, a new database per test, and what only a
 * shared server has: logins, several services on one database, the server's own restart.
 */
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

    @Test
    void aWrongPasswordIsRefusedWithTheDatabaseNamedAndThePasswordNot(@TempDir Path dir) throws Exception {
        Path wrong = dir.resolve("wrong-password");
        Files.writeString(wrong, "not-the-Password-42\n");
        DatabaseConfig.Postgres postgres = (DatabaseConfig.Postgres) config;

        assertThatThrownBy(() -> JdbcJobStore.open(DatabaseConfig.postgres(postgres.jdbcUrl(), server.user(),
                        Secret.fromFile(wrong))))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open PostgreSQL database " + postgres.jdbcUrl() + " as gantry: ")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("not-the-Password-42");
    }

    @Test
    void twoServicesOnOneDatabaseSeeEachOtherAndOnlyOneStartsAJob() throws Exception {
        try (JdbcJobStore other = JdbcJobStore.open(config)) {
            ExecutorService racers = Executors.newFixedThreadPool(2);
            try {
                for (int i = 0; i < 20; i++) {
                    long id = other.submit(newJob("vision", "alice", "j" + i), at(0)).id();
                    assertThat(store.find(id)).isPresent();
                    CyclicBarrier bothReady = new CyclicBarrier(2);
                    Future<Optional<Job>> mine = racers.submit(() -> {
                        bothReady.await();
                        return store.start(id, JobState.QUEUED, new DriverPlacement("mine-" + id, "a"), at(1), "mine");
                    });
                    Future<Optional<Job>> theirs = racers.submit(() -> {
                        bothReady.await();
                        return other.start(id, JobState.QUEUED, new DriverPlacement("theirs-" + id, "b"), at(1), "theirs");
                    });

                    assertThat(mine.get().isPresent() ^ theirs.get().isPresent()).isTrue();
                    assertThat(store.find(id).orElseThrow().attempts()).isEqualTo(1);
                }
            } finally {
                racers.shutdownNow();
            }
        }
    }

    @Test
    void aRestartOfTheServerLosesNothing() throws Exception {
        long id = store.submit(newJob("nlp", "bob", "bert"), at(0)).id();
        store.start(id, JobState.QUEUED, new DriverPlacement("bert-1", "agent-1"), at(1), "launch").orElseThrow();
        store.recordService(id, 3);
        Job before = store.find(id).orElseThrow();
        store.close();

        server.restart();
        store = JdbcJobStore.open(config);

        assertThat(store.find(id)).contains(before);
        assertThat(store.events(id)).hasSize(2);
    }
}
