package dev.gantry.service.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/** The store's connection pool: the embedded H2 file or PostgreSQL, with the schema brought up to date. */
final class StoreDataSource {
    /** Migrations, in the classpath; plain SQL both databases run. */
    static final String MIGRATIONS = "classpath:db/migration";
    /** H2's error code for a database file locked by another process. */
    private static final int H2_DATABASE_IN_USE = 90020;

    private StoreDataSource() {}

    /**
     * The pool for {@code config}, the embedded database created and the schema migrated as needed.
     *
     * @throws StoreException one line naming the database when it cannot be opened
     */
    static HikariDataSource open(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("gantry-store");
        if (config instanceof DatabaseConfig.Embedded embedded) {
            try {
                Files.createDirectories(embedded.databaseFile().getParent());
            } catch (IOException e) {
                throw new StoreException("cannot create " + embedded.describe() + ": " + e.getMessage(), e);
            }
            // WRITE_DELAY=0: H2 writes each commit out before it returns, so a killed service
            // loses no committed change (H2's default delays writes by 500 ms). LOCK_TIMEOUT:
            // how long a move waits for a row another move holds, which commits within
            // milliseconds. DB_CLOSE_ON_EXIT=FALSE: the service closes the store itself, after
            // its last write, rather than H2's shutdown hook before it.
            hikari.setJdbcUrl("jdbc:h2:file:" + embedded.databaseFile()
                    + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE");
            hikari.setUsername("gantry");
            hikari.setPassword("");
            hikari.setMaximumPoolSize(4);
        } else if (config instanceof DatabaseConfig.Postgres postgres) {
            hikari.setJdbcUrl(postgres.jdbcUrl());
            hikari.setUsername(postgres.user());
            hikari.setPassword(postgres.password().reveal());
            hikari.setMaximumPoolSize(8);
        } else {
            throw new IllegalArgumentException("unknown database " + config);
        }
        hikari.setConnectionTimeout(30_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open " + config.describe() + ": " + rootMessage(e), e);
        }
        try {
            migrate(dataSource, config);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    private static void migrate(DataSource dataSource, DatabaseConfig config) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .validateMigrationNaming(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot bring the schema of " + config.describe() + " up to date: "
                    + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            root = cause;
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE
                    || cause instanceof MVStoreException store && store.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                return "it is in use by another process (another gantry serve on the same data directory?)";
            }
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
