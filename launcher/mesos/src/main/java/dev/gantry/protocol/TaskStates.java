package dev.gantry.protocol;

import java.util.EnumSet;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskState;

/** Which task states are terminal, as Mesos defines them: no update follows one. */
public final class TaskStates {
    private static final Set<TaskState> TERMINAL = EnumSet.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
            TaskState.TASK_KILLED, TaskState.TASK_ERROR, TaskState.TASK_LOST, TaskState.TASK_DROPPED,
            TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);

    private TaskStates() {}

    public static boolean isTerminal(TaskState state) {
        return TERMINAL.contains(state);
    }
}
