package dev.gantry.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.spark.scheduler.ExecutorExited;
import org.apache.spark.scheduler.ExecutorLossReason;
import org.apache.spark.scheduler.ExecutorProcessLost;
import scala.Option;

/** What an executor task's Mesos status means: to the failure count, and to Spark. */
final class ExecutorStatuses {
    private static final Pattern EXIT_STATUS = Pattern.compile("exited with status (\\d+)");

    private ExecutorStatuses() {}

    /**
     * Failures that count against the agent: the executor could not run there, not that it was
     * told to stop. A TASK_LOST the master made up (an offer that was no longer valid, a task
     * reconciliation did not find) says nothing about the agent.
     */
    static boolean failedOnItsAgent(TaskStatus status) {
        if (status.getState() == TaskState.TASK_LOST && status.getSource() == TaskStatus.Source.SOURCE_MASTER) {
            return false;
        }
        return isFailure(status.getState());
    }

    static boolean isFailure(TaskState state) {
        return state == TaskState.TASK_FAILED || state == TaskState.TASK_ERROR || state == TaskState.TASK_LOST
                || state == TaskState.TASK_DROPPED || state == TaskState.TASK_GONE;
    }

    /** What Spark should be told: the exit code when the executor's process exited, else a lost process. */
    static ExecutorLossReason lossReason(TaskStatus status, String hostname) {
        String message = "Mesos task " + status.getTaskId().getValue() + " " + status.getState()
                + (status.hasMessage() ? ": " + status.getMessage() : "");
        Matcher exit = EXIT_STATUS.matcher(status.getMessage());
        if (status.getState() == TaskState.TASK_FAILED && exit.find()) {
            return new ExecutorExited(Integer.parseInt(exit.group(1)), true, message);
        }
        boolean causedByApp = status.getState() == TaskState.TASK_FAILED;
        return new ExecutorProcessLost(message, Option.apply(hostname), causedByApp);
    }
}
