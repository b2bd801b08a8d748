package dev.gantry.service.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A second JVM for {@link EmbeddedStoreProcessTest}: {@code crash DIR} submits and starts jobs and
 * then halts without closing anything, as a killed service would; {@code hold DIR} opens the store,
 * prints "open" and keeps it open until its standard input ends.
 */
public final class StoreChild {
    private StoreChild() {}

    public static void main(String[] args) throws Exception {
        DatabaseConfig config = DatabaseConfig.embedded(Path.of(args[1]));
        if (args[0].equals("crash")) {
            JdbcJobStore store = JdbcJobStore.open(config);
            Instant at = Instant.parse("2026-03-01T09:00:00Z");
            for (int i = 0; i < 3; i++) {
                store.submit(new NewJob("vision", "alice", "job" + i, "name: job" + i + "\n", 0, 1), at);
            }
            store.start(1, JobState.QUEUED, new DriverPlacement("task-1", "agent-1"), at.plusSeconds(1), "launch");
            store.recordService(1, 12.5);
            System.out.println("committed");
            System.out.flush();
            // No close, no shutdown hooks: whatever was not written out by now is lost.
            Runtime.getRuntime().halt(0);
        } else {
            try (JdbcJobStore store = JdbcJobStore.open(config)) {
                store.countByState();
                System.out.println("open");
                System.out.flush();
                System.in.readAllBytes();
            }
        }
    }
}
