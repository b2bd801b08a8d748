package dev.gantry.service.drivers;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A driver task's Mesos task id, {@code driver-<job>-<attempt>}: the job id and the attempt, one
 * task id per attempt, so that a relaunch is a new task Mesos cannot confuse with the one that
 * failed and every status update names the attempt it is about. Job ids are letters, digits,
 * {@code .}, {@code _} and {@code -} (they may contain {@code -}: the attempt is after the last one).
 */
public record DriverTaskId(String jobId, int attempt) {
    private static final String PREFIX = "driver-";
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    public DriverTaskId {
        Objects.requireNonNull(jobId, "jobId");
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("job id '" + jobId + "' is not 1 to 200 letters, digits, '.', '_'"
                    + " or '-' starting with a letter or digit");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt " + attempt + " of job " + jobId + " is not 1 or more");
        }
    }

    public static DriverTaskId of(String jobId, int attempt) {
        return new DriverTaskId(jobId, attempt);
    }

    /** The job and attempt of a driver task id; empty for any other task id. */
    public static Optional<DriverTaskId> parse(String taskId) {
        if (taskId == null || !taskId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dash = taskId.lastIndexOf('-');
        if (dash <= PREFIX.length()) {
            return Optional.empty();
        }
        String job = taskId.substring(PREFIX.length(), dash);
        String attempt = taskId.substring(dash + 1);
        if (attempt.isEmpty() || attempt.length() > 9 || !attempt.chars().allMatch(c -> c >= '0' && c <= '9')
                || attempt.charAt(0) == '0' || !JOB_ID.matcher(job).matches()) {
            return Optional.empty();
        }
        return Optional.of(new DriverTaskId(job, Integer.parseInt(attempt)));
    }

    /** The task id as Mesos sees it. */
    public String value() {
        return PREFIX + jobId + "-" + attempt;
    }

    @Override
    public String toString() {
        return value();
    }
}
