package dev.gantry.service.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract on the embedded database, in a fresh data directory per test. */
class H2JobStoreTest extends JobStoreContract {
    @TempDir
    Path dataDirectory;

    @Override
    DatabaseConfig freshDatabase() {
        return DatabaseConfig.embedded(dataDirectory);
    }
}
