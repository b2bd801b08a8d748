package dev.gantry.service.jobs;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One log of a job: a process ({@code driver} or {@code worker-N}, N from 0), the attempt of the
 * job's driver it belongs to (1 for the first), and the stream. Written as
 * {@code driver.stdout}, {@code worker-2.stderr} or, for an earlier attempt,
 * {@code driver.stdout@1}; {@link #parse} reads that form back and refuses anything else, so a
 * name from a request never becomes a path.
 */
public record LogName(String process, int attempt, Stream stream) {
    private static final Pattern FORM = Pattern.compile("(driver|worker-(0|[1-9][0-9]{0,5}))\\.(stdout|stderr)(?:@([1-9][0-9]{0,5}))?");

    public enum Stream {
        STDOUT, STDERR;

        public String file() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LogName {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(stream, "stream");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, got " + attempt);
        }
    }

    public static LogName driver(int attempt, Stream stream) {
        return new LogName("driver", attempt, stream);
    }

    public static LogName worker(int index, int attempt, Stream stream) {
        return new LogName("worker-" + index, attempt, stream);
    }

    /**
     * Reads {@code text}; without {@code @attempt} it means {@code latestAttempt}.
     *
     * @throws IllegalArgumentException naming the text when it is not a log name
     */
    public static LogName parse(String text, int latestAttempt) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a log name (driver.stdout, driver.stderr, "
                    + "worker-N.stdout or worker-N.stderr, optionally @ATTEMPT)");
        }
        int attempt = m.group(4) == null ? latestAttempt : Integer.parseInt(m.group(4));
        return new LogName(m.group(1), attempt, Stream.valueOf(m.group(3).toUpperCase(Locale.ROOT)));
    }

    public boolean isDriver() {
        return process.equals("driver");
    }

    @Override
    public String toString() {
        return process + "." + stream.file() + "@" + attempt;
    }
}
