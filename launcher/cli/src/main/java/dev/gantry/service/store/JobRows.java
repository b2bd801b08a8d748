package dev.gantry.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Jobs and events to and from rows: the columns, the binding of parameters, times as both databases keep them. */
final class JobRows {
    static final String COLUMNS = "id, team, user_name, name, spec_yaml, state, priority, gpus, submitted_at,"
            + " started_at, finished_at, attempts, gpu_seconds, driver_task_id, driver_agent_id, output_dir, exit_code,"
            + " error";

    static void insertEvent(Connection c, long id, OffsetDateTime at, JobState from, JobState to,
            String reason) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO job_events (job_id, at, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setObject(2, at);
            insert.setString(3, from == null ? null : from.name());
            insert.setString(4, to.name());
            insert.setString(5, reason);
            insert.executeUpdate();
        }
    }

    static Optional<Job> load(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")) {
            select.setLong(1, id);
            return one(select);
        }
    }

    static Optional<Job> one(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(job(rows)) : Optional.empty();
        }
    }

    static Job job(ResultSet rows) throws SQLException {
        String taskId = rows.getString("driver_task_id");
        String agentId = rows.getString("driver_agent_id");
        int exitCode = rows.getInt("exit_code");
        Integer exit = rows.wasNull() ? null : exitCode;
        String error = rows.getString("error");
        return new Job(
                rows.getLong("id"),
                rows.getString("team"),
                rows.getString("user_name"),
                rows.getString("name"),
                rows.getString("spec_yaml"),
                JobState.valueOf(rows.getString("state")),
                rows.getInt("priority"),
                rows.getInt("gpus"),
                instant(rows, "submitted_at"),
                instant(rows, "started_at"),
                instant(rows, "finished_at"),
                rows.getInt("attempts"),
                rows.getDouble("gpu_seconds"),
                taskId == null ? null : new DriverPlacement(taskId, agentId),
                rows.getString("output_dir"),
                exit == null && error == null ? null : new JobResult(exit, error));
    }

    static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else if (value instanceof Integer number) {
                statement.setInt(index, number);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value instanceof Double number) {
                statement.setDouble(index, number);
            } else {
                statement.setObject(index, value);
            }
        }
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** The instant as both databases keep it: UTC, to the microsecond. */
    static OffsetDateTime time(Instant at) {
        Objects.requireNonNull(at, "at");
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private JobRows() {}
}
