package dev.gantry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code gantry status}'s output: a summary line and a table of jobs for people, or JSON for programs. */
final class StatusReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HEADER = {"NAME", "FRAMEWORK ID", "STATE", "TASKS", "CPUS", "MEM", "GPUS", "UPTIME",
        "WEB UI"};

    private StatusReport() {}

    static void text(String master, ClusterSnapshot snapshot, PrintWriter out) {
        out.println(summary(master, snapshot));
        if (snapshot.jobs().isEmpty()) {
            out.println("No jobs running.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ClusterSnapshot.Job job : snapshot.jobs()) {
            rows.add(new String[] {job.name(), job.frameworkId(), job.state(), String.valueOf(job.tasksRunning()),
                amount(job.cpus()), memory(job.memMb()), amount(job.gpus()), uptime(job.uptime()),
                job.webUiUrl().isEmpty() ? "-" : job.webUiUrl()});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** One line: which master, how many agents, GPUs in all and free, and whether they are simulated. */
    static String summary(String master, ClusterSnapshot snapshot) {
        String kind = snapshot.embedded() ? "Gantry embedded cluster"
                : "Mesos" + (snapshot.version().isEmpty() ? "" : " " + snapshot.version());
        String gpus = snapshot.gpus() == 0 ? "no GPUs"
                : amount(snapshot.gpusFree()) + " of " + amount(snapshot.gpus()) + " GPUs free"
                + (snapshot.gpusSimulated() ? " (simulated)" : "");
        int jobs = snapshot.jobs().size();
        return master + " (" + kind + "): " + snapshot.agents() + (snapshot.agents() == 1 ? " agent, " : " agents, ")
                + gpus + ", " + jobs + (jobs == 1 ? " job" : " jobs");
    }

    static void json(String master, ClusterSnapshot snapshot, PrintWriter out) throws java.io.IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("master", master);
        root.put("embedded", snapshot.embedded());
        root.put("version", snapshot.version());
        ObjectNode cluster = root.putObject("cluster");
        cluster.put("agents", snapshot.agents());
        cluster.put("gpus", snapshot.gpus());
        cluster.put("gpus_free", snapshot.gpusFree());
        cluster.put("gpus_simulated", snapshot.gpusSimulated());
        ArrayNode jobs = root.putArray("jobs");
        for (ClusterSnapshot.Job job : snapshot.jobs()) {
            ObjectNode node = jobs.addObject();
            node.put("name", job.name());
            node.put("framework_id", job.frameworkId());
            node.put("state", job.state());
            node.put("tasks_running", job.tasksRunning());
            node.put("cpus", job.cpus());
            node.put("mem_mb", job.memMb());
            node.put("gpus", job.gpus());
            if (job.registered() != null) {
                node.put("registered_time", job.registered().toString());
            } else {
                node.putNull("registered_time");
            }
            node.put("uptime_seconds", job.uptime().toSeconds());
            node.put("webui_url", job.webUiUrl());
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    static String amount(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    static String memory(double mb) {
        return mb < 1024 ? amount(Math.round(mb)) + " MB" : String.format(Locale.ROOT, "%.1f GB", mb / 1024);
    }

    static String uptime(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%dd%02dh", s / 86400, (s % 86400) / 3600);
    }
}
