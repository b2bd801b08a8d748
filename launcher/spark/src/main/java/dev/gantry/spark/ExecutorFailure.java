package dev.gantry.spark;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Why one executor ended before it reached the driver: Mesos' status for its task, and the end of
 * its sandbox's {@code stderr} where the agent still had it. {@link #summary()} is the one line a
 * person needs; {@link #details()} adds the log's tail.
 */
record ExecutorFailure(String executorId, String agentId, String hostname, TaskStatus status, List<String> stderrTail) {
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ more)");
    /** The Mesos command executor's own glog lines ("I1207 05:03:37.348 1234 exec.cpp:164] ..."). */
    private static final Pattern GLOG = Pattern.compile("^[IWEF]\\d{4} \\d\\d:\\d\\d:\\d\\d");
    private static final Pattern THROWABLE = Pattern.compile("^(Caused by: )?[\\w$.]+(Exception|Error)(: .*)?$");
    private static final int MAX_LINE = 500;

    ExecutorFailure {
        stderrTail = List.copyOf(stderrTail);
    }

    /** One line: which executor, where, Mesos' state and message, and the log's most telling line. */
    String summary() {
        StringBuilder out = new StringBuilder("executor ").append(executorId).append(" on agent ").append(agentId)
                .append(" (").append(hostname).append(") ended ").append(status.getState());
        if (status.hasMessage() && !status.getMessage().isBlank()) {
            out.append(": ").append(status.getMessage().strip());
        }
        String cause = rootCause(stderrTail);
        if (!cause.isEmpty()) {
            out.append("; its stderr says: ").append(cause);
        }
        return out.toString();
    }

    /** The summary, then the last lines of the executor's stderr. */
    String details() {
        if (stderrTail.isEmpty()) {
            return summary();
        }
        List<String> last = stderrTail.subList(Math.max(0, stderrTail.size() - 20), stderrTail.size());
        return summary() + "\n  stderr (last " + last.size() + " lines):\n    " + String.join("\n    ", last);
    }

    /**
     * The line that says why: the deepest "Caused by" of the last stack trace, else the last
     * exception line, else the last line that is neither a stack frame nor the Mesos executor's
     * own logging.
     */
    static String rootCause(List<String> lines) {
        String lastThrowable = "";
        String lastCause = "";
        String lastPlain = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || STACK_FRAME.matcher(raw).find() || GLOG.matcher(line).find()) {
                continue;
            }
            if (THROWABLE.matcher(line).matches()) {
                if (line.startsWith("Caused by: ")) {
                    lastCause = line.substring("Caused by: ".length());
                } else {
                    lastThrowable = line;
                    lastCause = "";
                }
            } else {
                lastPlain = line;
            }
        }
        String cause = !lastCause.isEmpty() ? lastCause : !lastThrowable.isEmpty() ? lastThrowable : lastPlain;
        return cause.length() > MAX_LINE ? cause.substring(0, MAX_LINE) + "..." : cause;
    }
}
