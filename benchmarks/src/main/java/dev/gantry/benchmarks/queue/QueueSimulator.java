package dev.gantry.benchmarks.queue;

import dev.gantry.queue.FairShare;
import dev.gantry.queue.Fifo;
import dev.gantry.queue.ShortestFirst;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays generated months of team workloads ({@link WorkloadGenerator}) through FIFO, fair share
 * and shortest-first with oracle durations on the same cluster model ({@link QueueSimulation},
 * placing gangs with Gantry's Placer), beside the placement simulator as Caffeine keeps its
 * simulator beside its benchmarks. Reports average and 95th-percentile JCT, queueing delay, GPU
 * utilization and each team's finish-time fairness; prints one Markdown table per workload and
 * writes a CSV.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gantry.benchmarks.queue.QueueSimulator \
 *     [--seed N] [--loads 0.85,...] [--durations philly,pai] [--agents 40] [--days 30] [--out DIR]</pre>
 *
 * Defaults: seed 2026, load 0.85, Philly run times, 40 eight-GPU agents, 30 days, output in
 * {@code benchmarks/results}.
 */
public final class QueueSimulator {
    static final String CSV_NAME = "queue-simulation.csv";

    private QueueSimulator() {}

    public static void main(String[] args) throws IOException {
        long seed = 2026;
        List<Double> loads = List.of(0.85);
        List<DurationModel> durations = List.of(DurationModel.PHILLY);
        int agents = 40;
        int days = 30;
        Path out = Path.of("benchmarks", "results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed":
                    seed = Long.parseLong(args[++i]);
                    break;
                case "--loads":
                    loads = new ArrayList<>();
                    for (String load : args[++i].split(",")) {
                        loads.add(Double.parseDouble(load));
                    }
                    break;
                case "--durations":
                    durations = new ArrayList<>();
                    for (String name : args[++i].split(",")) {
                        durations.add(DurationModel.named(name));
                    }
                    break;
                case "--agents":
                    agents = Integer.parseInt(args[++i]);
                    break;
                case "--days":
                    days = Integer.parseInt(args[++i]);
                    break;
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<QueueResults.WorkloadResult> results = new ArrayList<>();
        for (DurationModel model : durations) {
            for (double load : loads) {
                WorkloadGenerator.Settings settings = WorkloadGenerator.Settings.defaults(seed).withSize(agents, days)
                        .withLoad(load).withDurations(model);
                long start = System.nanoTime();
                QueueResults.WorkloadResult result = simulate(settings, QueueSimulation.Settings.DEFAULT);
                results.add(result);
                System.out.println(QueueResults.table(result));
                System.err.printf("%s: %.0f s%n", settings.describe(), (System.nanoTime() - start) / 1e9);
            }
        }
        QueueResults.writeCsv(results, out.resolve(CSV_NAME));
        System.out.println("Wrote " + out.resolve(CSV_NAME));
    }

    /** The policies compared, FIFO first: what the service can name, then the oracle. */
    public static Map<String, QueueSimulation.PolicyFactory> policies() {
        Map<String, QueueSimulation.PolicyFactory> policies = new LinkedHashMap<>();
        policies.put(Fifo.NAME, remaining -> new Fifo());
        policies.put(FairShare.NAME, remaining -> new FairShare());
        policies.put(ShortestFirst.NAME, remaining -> new ShortestFirst(remaining,
                FairShare.Config.DEFAULT.minimumRunMillis()));
        return policies;
    }

    /** Generates the workload and runs every policy on it, shared and per team on the team's share. */
    public static QueueResults.WorkloadResult simulate(WorkloadGenerator.Settings settings,
                                                       QueueSimulation.Settings model) {
        long start = System.nanoTime();
        WorkloadGenerator.Workload workload = WorkloadGenerator.generate(settings);
        List<TeamSpec> teams = settings.teams();
        double weights = teams.stream().mapToDouble(TeamSpec::weight).sum();
        List<PolicyResult> results = new ArrayList<>();
        for (QueueSimulation.PolicyFactory factory : policies().values()) {
            QueueSimulation shared = new QueueSimulation(settings.agents(),
                    teams.stream().map(TeamSpec::share).toList(), model);
            RunSummary summary = RunSummary.of(shared.run(factory, workload.jobs(), workload.periodMillis()), teams);
            Map<String, Double> isolated = new LinkedHashMap<>();
            List<Double> partitioned = new ArrayList<>();
            for (TeamSpec team : teams) {
                List<SimJob> own = workload.jobs().stream().filter(j -> j.team().equals(team.name())).toList();
                int largest = own.stream().mapToInt(SimJob::gpus).max().orElse(8);
                int agents = Math.max((largest + 7) / 8, (int) Math.round(settings.agents() * team.weight() / weights));
                QueueSimulation alone = new QueueSimulation(agents, List.of(team.share()), model);
                QueueSimulation.Run run = alone.run(factory, own, workload.periodMillis());
                isolated.put(team.name(), RunSummary.of(run, List.of(team)).avgJctHours());
                run.outcomes().forEach(o -> partitioned.add(o.completionMillis() / 3.6e6));
            }
            double[] jcts = partitioned.stream().mapToDouble(Double::doubleValue).toArray();
            results.add(new PolicyResult(summary, isolated, RunSummary.mean(jcts), RunSummary.percentile(jcts, 0.95)));
        }
        return new QueueResults.WorkloadResult(workload, results, (System.nanoTime() - start) / 1e9);
    }
}
