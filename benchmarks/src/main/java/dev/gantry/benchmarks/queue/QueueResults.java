package dev.gantry.benchmarks.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A workload's results as Markdown tables for RESULTS.md, and all results as CSV. */
public final class QueueResults {
    static final String CSV_HEADER = "durations,load,offered_load,jobs,policy,team,avg_jct_h,p50_jct_h,p95_jct_h,"
            + "avg_queueing_h,p95_queueing_h,utilization,utilization_in_period,goodput,preemptions,lost_gpu_h,"
            + "isolated_avg_jct_h,rho,most_gpus,partitioned_avg_jct_h,partitioned_p95_jct_h";

    /** One workload and its policies' results, FIFO first. */
    public record WorkloadResult(WorkloadGenerator.Workload workload, List<PolicyResult> policies, double seconds) {}

    private QueueResults() {}

    public static String table(WorkloadResult result) {
        WorkloadGenerator.Workload workload = result.workload();
        WorkloadGenerator.Settings settings = workload.settings();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "#### %s run times, offered load %.2f (this seed: %.2f): %,d jobs of %d "
                        + "teams on %d GPUs over %d days%n%n", name(settings.durations()), settings.load(),
                workload.offeredLoad(), workload.jobs().size(), settings.teams().size(), settings.gpus(), settings.days()));
        out.append("| policy | avg JCT (h) | p50 JCT (h) | p95 JCT (h) | avg queueing (h) | p95 queueing (h) "
                + "| GPU util. (to last finish) | GPU util. (in period) | goodput | preemptions | max rho "
                + "| avg JCT, FIFO / policy |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double fifo = result.policies().get(0).shared().avgJctHours();
        for (PolicyResult policy : result.policies()) {
            RunSummary s = policy.shared();
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.1f | %.2f | %.1f | %.3f | %.3f | %.3f | %,d "
                            + "| %.2f | %.2fx |%n", s.policy(), s.avgJctHours(), s.p50JctHours(), s.p95JctHours(),
                    s.avgQueueingHours(), s.p95QueueingHours(), s.utilization(), s.utilizationInPeriod(), s.goodput(),
                    s.preemptions(), policy.maxRho(), fifo / s.avgJctHours()));
        }
        out.append('\n');
        out.append("Teams on static partitions instead (each team's jobs alone on its weight's share of the agents, "
                + "same policy):");
        for (PolicyResult policy : result.policies()) {
            out.append(String.format(Locale.ROOT, " %s %.1f h average, %.0f h p95;", policy.shared().policy(),
                    policy.partitionedAvgJctHours(), policy.partitionedP95JctHours()));
        }
        out.setLength(out.length() - 1);
        out.append(".\n\n");
        out.append("| policy |");
        settings.teams().forEach(t -> out.append(String.format(Locale.ROOT, " %s (w %s, %.0f%% of load) rho |",
                t.name(), number(t.weight()), 100 * t.loadShare())));
        List<TeamSpec> capped = settings.teams().stream().filter(t -> t.share().capped()).toList();
        capped.forEach(t -> out.append(" most GPUs ").append(t.name()).append(" held (cap ").append(t.gpuCap())
                .append(") |"));
        out.append("\n|---|");
        settings.teams().forEach(t -> out.append("---:|"));
        capped.forEach(t -> out.append("---:|"));
        out.append('\n');
        for (PolicyResult policy : result.policies()) {
            out.append("| ").append(policy.shared().policy()).append(" |");
            for (TeamSpec team : settings.teams()) {
                out.append(String.format(Locale.ROOT, " %.2f (%.1f h / %.1f h) |", policy.rhoByTeam().get(team.name()),
                        policy.shared().avgJctHoursByTeam().get(team.name()),
                        policy.isolatedAvgJctHours().get(team.name())));
            }
            capped.forEach(t -> out.append(' ').append(policy.shared().mostGpusByTeam().getOrDefault(t.name(), 0))
                    .append(" |"));
            out.append('\n');
        }
        return out.toString();
    }

    public static List<String> csv(List<WorkloadResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add(CSV_HEADER);
        for (WorkloadResult result : results) {
            WorkloadGenerator.Workload w = result.workload();
            String prefix = String.format(Locale.ROOT, "%s,%.2f,%.4f,%d", name(w.settings().durations()),
                    w.settings().load(), w.offeredLoad(), w.jobs().size());
            for (PolicyResult policy : result.policies()) {
                RunSummary s = policy.shared();
                lines.add(String.format(Locale.ROOT, "%s,%s,all,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%.1f,,%.4f,,"
                                + "%.4f,%.4f", prefix, s.policy(), s.avgJctHours(), s.p50JctHours(), s.p95JctHours(),
                        s.avgQueueingHours(), s.p95QueueingHours(), s.utilization(), s.utilizationInPeriod(), s.goodput(),
                        s.preemptions(), s.lostGpuHours(), policy.maxRho(), policy.partitionedAvgJctHours(),
                        policy.partitionedP95JctHours()));
                for (TeamSpec team : w.settings().teams()) {
                    lines.add(String.format(Locale.ROOT, "%s,%s,%s,%.4f,,,,,,,,,,%.4f,%.4f,%d,,", prefix, s.policy(),
                            team.name(), s.avgJctHoursByTeam().get(team.name()),
                            policy.isolatedAvgJctHours().get(team.name()), policy.rhoByTeam().get(team.name()),
                            s.mostGpusByTeam().getOrDefault(team.name(), 0)));
                }
            }
        }
        return lines;
    }

    public static void writeCsv(List<WorkloadResult> results, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, csv(results));
    }

    static String name(DurationModel model) {
        return model == DurationModel.PHILLY ? "Philly" : "PAI";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
