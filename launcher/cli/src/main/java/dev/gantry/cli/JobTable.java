package dev.gantry.cli;

import dev.gantry.service.client.RemoteJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Jobs as {@code gantry jobs} prints them: one row each, columns as wide as their widest value. */
final class JobTable {
    private static final List<String> HEADER = List.of("ID", "NAME", "USER", "STATE", "GPUS", "ATTEMPTS", "AGE");

    private JobTable() {}

    static String of(List<RemoteJob> jobs, Instant now) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (RemoteJob job : jobs) {
            rows.add(List.of(Long.toString(job.id()), job.name(), job.user(), job.state(), Integer.toString(job.gpus()),
                    Integer.toString(job.attempts()), age(Duration.between(job.submitted(), now))));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format("%-" + widths[i] + "s", row.get(i))).append(i < row.size() - 1 ? "  " : "");
            }
            table.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return table.toString();
    }

    /** How long ago, in the largest unit that is at least 1 (up to days): 45s, 12m, 5h, 3d. */
    static String age(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 86400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }
}
