package dev.gantry.service.store;

import static dev.gantry.service.store.JobRows.COLUMNS;
import static dev.gantry.service.store.JobRows.bind;
import static dev.gantry.service.store.JobRows.insertEvent;
import static dev.gantry.service.store.JobRows.instant;
import static dev.gantry.service.store.JobRows.job;
import static dev.gantry.service.store.JobRows.load;
import static dev.gantry.service.store.JobRows.one;
import static dev.gantry.service.store.JobRows.time;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The {@link JobStore} on a JDBC database: H2 embedded in the data directory, or PostgreSQL. One
 * SQL text serves both (standard SQL only); Flyway brings the schema up to date when the store
 * opens ({@code db/migration}), once per database whatever the number of openings.
 *
 * <p>Optimistic moves are a single {@code UPDATE ... WHERE id = ? AND state = ?}: both databases
 * lock the row for the first writer and re-check the condition for the second once the first
 * commits, so the second updates nothing and learns that it lost.
 */
public final class JdbcJobStore implements JobStore {
    private static final String FRAMEWORK_ID = "framework_id";
    private static final int MAX_REASON_CHARS = 2000;
    /** SQLSTATE of a unique constraint's violation, in H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final HikariDataSource dataSource;
    private final String description;

    private JdbcJobStore(HikariDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    /**
     * Opens the store, creating the embedded database or migrating the schema as needed.
     *
     * @throws StoreException one line naming the database when it cannot be opened
     */
    public static JdbcJobStore open(DatabaseConfig config) {
        return new JdbcJobStore(StoreDataSource.open(config), config.describe());
    }


    @Override
    public Job submit(NewJob job, Instant at) {
        Objects.requireNonNull(job, "job");
        OffsetDateTime when = time(at);
        return inTransaction("submit a job", c -> {
            long id;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO jobs (team, user_name, name, spec_yaml,"
                    + " state, priority, gpus, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                insert.setString(1, job.team());
                insert.setString(2, job.user());
                insert.setString(3, job.name());
                insert.setString(4, job.specYaml());
                insert.setString(5, JobState.QUEUED.name());
                insert.setInt(6, job.priority());
                insert.setInt(7, job.gpus());
                insert.setObject(8, when);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned no id for the new job");
                    }
                    id = keys.getLong(1);
                }
            }
            insertEvent(c, id, when, null, JobState.QUEUED, "submitted by " + job.user());
            return load(c, id).orElseThrow();
        });
    }

    @Override
    public Optional<Job> find(long id) {
        return inTransaction("find job " + id, c -> load(c, id));
    }

    @Override
    public Optional<Job> findByDriverTask(String taskId) {
        Objects.requireNonNull(taskId, "taskId");
        return inTransaction("find the job of driver task " + taskId, c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM jobs WHERE driver_task_id = ?")) {
                select.setString(1, taskId);
                return one(select);
            }
        });
    }

    @Override
    public List<Job> list(JobQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.states().isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM jobs WHERE state IN (")
                .append(query.states().stream().map(s -> "?").collect(Collectors.joining(", "))).append(')');
        List<Object> parameters = new ArrayList<>();
        query.states().forEach(s -> parameters.add(s.name()));
        if (query.team() != null) {
            sql.append(" AND team = ?");
            parameters.add(query.team());
        }
        if (query.user() != null) {
            sql.append(" AND user_name = ?");
            parameters.add(query.user());
        }
        sql.append(" ORDER BY id").append(query.descending() ? " DESC" : "");
        if (query.limit() < Integer.MAX_VALUE) {
            sql.append(" FETCH FIRST ").append(query.limit()).append(" ROWS ONLY");
        }
        return inTransaction("list jobs", c -> {
            try (PreparedStatement select = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setString(i + 1, (String) parameters.get(i));
                }
                List<Job> jobs = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(job(rows));
                    }
                }
                return jobs;
            }
        });
    }

    @Override
    public List<JobEvent> events(long id) {
        return inTransaction("read the history of job " + id, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, job_id, at, from_state, to_state, reason"
                    + " FROM job_events WHERE job_id = ? ORDER BY id")) {
                select.setLong(1, id);
                List<JobEvent> events = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String from = rows.getString("from_state");
                        events.add(new JobEvent(rows.getLong("id"), rows.getLong("job_id"), instant(rows, "at"),
                                from == null ? null : JobState.valueOf(from), JobState.valueOf(rows.getString("to_state")),
                                rows.getString("reason")));
                    }
                }
                return events;
            }
        });
    }

    @Override
    public Optional<Job> transition(long id, JobState expected, JobState target, Instant at, String reason) {
        return move(id, expected, target, at, reason, null, null);
    }

    @Override
    public Optional<Job> start(long id, JobState expected, DriverPlacement driver, Instant at, String reason) {
        return move(id, expected, JobState.STARTING, at, reason, Objects.requireNonNull(driver, "driver"), null);
    }

    @Override
    public Optional<Job> finish(long id, JobState expected, JobState outcome, JobResult result, Instant at,
            String reason) {
        if (!outcome.isFinal()) {
            throw new IllegalArgumentException(outcome + " is not a final state (COMPLETED, FAILED or CANCELLED)");
        }
        return move(id, expected, outcome, at, reason, null, Objects.requireNonNull(result, "result"));
    }

    @Override
    public Optional<Job> cancel(long id, Instant at, String reason) {
        // The job may move between reading its state and moving it; read again then. Each round
        // someone else moved the job, so this ends as soon as the job stays put for a moment.
        for (int round = 0; round < 1000; round++) {
            Job job = find(id).orElseThrow(() -> new NoSuchJobException(id));
            if (job.state().isFinal()) {
                return Optional.empty();
            }
            if (job.state() == JobState.CANCELLING) {
                return Optional.of(job);
            }
            JobState target = job.state().isWaiting() ? JobState.CANCELLED : JobState.CANCELLING;
            Optional<Job> moved = move(id, job.state(), target, at, reason, null, null);
            if (moved.isPresent()) {
                return moved;
            }
        }
        throw new StoreException("job " + id + " kept changing its state while being cancelled");
    }

    private Optional<Job> move(long id, JobState expected, JobState target, Instant at, String reason,
            DriverPlacement driver, JobResult result) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(target, "target");
        if (!expected.canMoveTo(target)) {
            throw new IllegalArgumentException("a job cannot move from " + expected + " to " + target + " (from "
                    + expected + ": " + (expected.isFinal() ? "none, it is final" : expected.next()) + ")");
        }
        String why = reason(reason);
        OffsetDateTime when = time(at);
        return inTransaction("move job " + id + " from " + expected + " to " + target, c -> {
            StringBuilder sql = new StringBuilder("UPDATE jobs SET state = ?");
            List<Object> parameters = new ArrayList<>();
            parameters.add(target.name());
            if (target == JobState.STARTING) {
                sql.append(", attempts = attempts + 1, driver_task_id = ?, driver_agent_id = ?");
                parameters.add(driver == null ? null : driver.taskId());
                parameters.add(driver == null ? null : driver.agentId());
            }
            if (target == JobState.RUNNING) {
                sql.append(", started_at = COALESCE(started_at, ?)");
                parameters.add(when);
            }
            if (target.isFinal()) {
                sql.append(", finished_at = ?");
                parameters.add(when);
            }
            if (result != null) {
                sql.append(", exit_code = ?, error = ?");
                parameters.add(result.exitCode());
                parameters.add(result.error());
            }
            sql.append(" WHERE id = ? AND state = ?");
            parameters.add(id);
            parameters.add(expected.name());
            int updated;
            try (PreparedStatement update = c.prepareStatement(sql.toString())) {
                bind(update, parameters);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                if (load(c, id).isEmpty()) {
                    throw new NoSuchJobException(id);
                }
                return Optional.empty();
            }
            insertEvent(c, id, when, expected, target, why);
            return load(c, id);
        });
    }

    @Override
    public void recordDriver(long id, DriverPlacement driver) {
        Objects.requireNonNull(driver, "driver");
        update("record the driver of job " + id, "UPDATE jobs SET driver_task_id = ?, driver_agent_id = ? WHERE id = ?",
                id, driver.taskId(), driver.agentId(), id);
    }

    @Override
    public void recordService(long id, double gpuSeconds) {
        if (!(gpuSeconds >= 0) || Double.isInfinite(gpuSeconds)) {
            throw new IllegalArgumentException("gpuSeconds must be a finite number, 0 or more, got " + gpuSeconds);
        }
        update("record the service of job " + id, "UPDATE jobs SET gpu_seconds = gpu_seconds + ? WHERE id = ?",
                id, gpuSeconds, id);
    }

    @Override
    public void recordOutputDirectory(long id, String directory) {
        Fields.text("output directory", directory, 4096);
        update("record the output directory of job " + id, "UPDATE jobs SET output_dir = ? WHERE id = ?",
                id, directory, id);
    }

    @Override
    public Optional<String> frameworkId() {
        return inTransaction("read the framework id", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT setting_value FROM service_settings WHERE setting_name = ?")) {
                select.setString(1, FRAMEWORK_ID);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public void recordFrameworkId(String frameworkId) {
        Fields.text("framework id", frameworkId, 1024);
        // Delete and insert in one transaction: the upserts of H2 and PostgreSQL are spelled differently.
        inTransaction("record the framework id", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM service_settings WHERE setting_name = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO service_settings (setting_name, setting_value) VALUES (?, ?)")) {
                delete.setString(1, FRAMEWORK_ID);
                delete.executeUpdate();
                insert.setString(1, FRAMEWORK_ID);
                insert.setString(2, frameworkId);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Map<String, Double> gpuSecondsByTeam() {
        return inTransaction("sum the service of each team", c -> {
            Map<String, Double> byTeam = new TreeMap<>();
            try (Statement select = c.createStatement();
                    ResultSet rows = select.executeQuery("SELECT team, SUM(gpu_seconds) FROM jobs GROUP BY team")) {
                while (rows.next()) {
                    byTeam.put(rows.getString(1), rows.getDouble(2));
                }
            }
            return byTeam;
        });
    }

    @Override
    public Map<JobState, Long> countByState() {
        return inTransaction("count the jobs in each state", c -> {
            Map<JobState, Long> counts = new EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                counts.put(state, 0L);
            }
            try (Statement select = c.createStatement();
                    ResultSet rows = select.executeQuery("SELECT state, COUNT(*) FROM jobs GROUP BY state")) {
                while (rows.next()) {
                    counts.put(JobState.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** The pool, for tests that look at the database beside the store. */
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String toString() {
        return "job store in " + description;
    }

    private void update(String what, String sql, long id, Object... parameters) {
        inTransaction(what, c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                bind(update, List.of(parameters));
                if (update.executeUpdate() == 0) {
                    throw new NoSuchJobException(id);
                }
            }
            return null;
        });
    }








    private static String reason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason is empty: say why the job moves");
        }
        return Fields.oneLine(reason, MAX_REASON_CHARS);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed whole when it returns, rolled back when it throws. */
    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new StoreException("cannot " + what + ": " + e.getMessage().lines().findFirst().orElse("")
                        + " (a driver task id must be unique)", e);
            }
            throw new StoreException("cannot " + what + " in " + description + ": "
                    + e.getMessage().lines().findFirst().orElse(e.toString()), e);
        }
    }

}
