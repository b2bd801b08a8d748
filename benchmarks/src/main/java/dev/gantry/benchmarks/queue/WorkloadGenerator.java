package dev.gantry.benchmarks.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a month (or any number of days) of training jobs from several teams: sizes from
 * {@link SizeModel}, heavy-tailed run times from a {@link DurationModel}, arrivals as a Poisson
 * process whose rate follows the hour of the day, and a team per job in proportion to the teams'
 * load shares. The same settings always give the same jobs.
 *
 * <p>The arrival rate is set so that the GPU time the jobs ask for is {@code load} times what the
 * cluster has over the period, on average: rate = load x GPUs / (mean GPUs per job x mean run
 * time). Heavy tails make the realised load of one seed differ; {@link Workload#offeredLoad()}
 * gives it.
 *
 * <p>The hour-of-day profile is the hourly medians of submitted tasks in Weng et al., NSDI 2022,
 * Figure 3(b) (PAI), read off the figure: about 450 an hour at 3 am to 1,120 at 11 am and at
 * midnight, 2.5 to 1. Simulated time 0 is a midnight.
 */
public final class WorkloadGenerator {
    static final double[] HOURLY = {1_090, 740, 540, 450, 560, 550, 600, 730, 590, 700, 1_080, 1_120, 770, 760,
        960, 1_010, 970, 1_080, 810, 800, 770, 680, 600, 520};
    static final long HOUR = 3_600_000L;
    static final int USERS_PER_TEAM = 8;

    /**
     * @param agents         eight-GPU agents in the cluster
     * @param resumableShare the share of jobs that checkpoint and can resume; the others are never preempted
     */
    public record Settings(long seed, int agents, int days, double load, DurationModel durations,
                           double resumableShare, List<TeamSpec> teams) {
        public Settings {
            teams = List.copyOf(teams);
            if (agents <= 0 || days <= 0 || !(load > 0) || !(resumableShare >= 0 && resumableShare <= 1)) {
                throw new IllegalArgumentException("agents, days and load must be positive, the resumable share a "
                        + "fraction");
            }
        }

        /**
         * Four teams on 40 eight-GPU agents (320 GPUs) for 30 days at 85% offered load, Philly's run
         * times, four jobs in five resumable. The teams' weights 4:3:2:1; their loads 30/40/20/10%,
         * so nlp asks for more than its share and vision for less; nlp is capped at half the cluster.
         */
        public static Settings defaults(long seed) {
            return new Settings(seed, 40, 30, 0.85, DurationModel.PHILLY, 0.8, List.of(
                    new TeamSpec("vision", 4, dev.gantry.queue.TeamShare.NO_CAP, 0.30),
                    new TeamSpec("nlp", 3, 160, 0.40),
                    new TeamSpec("speech", 2, dev.gantry.queue.TeamShare.NO_CAP, 0.20),
                    new TeamSpec("recsys", 1, dev.gantry.queue.TeamShare.NO_CAP, 0.10)));
        }

        public Settings withLoad(double value) {
            return new Settings(seed, agents, days, value, durations, resumableShare, teams);
        }

        public Settings withDurations(DurationModel model) {
            return new Settings(seed, agents, days, load, model, resumableShare, teams);
        }

        public Settings withSize(int agentCount, int dayCount) {
            return new Settings(seed, agentCount, dayCount, load, durations, resumableShare, teams);
        }

        public Settings withSeed(long value) {
            return new Settings(value, agents, days, load, durations, resumableShare, teams);
        }

        public int gpus() {
            return agents * 8;
        }

        public String describe() {
            return String.format(Locale.ROOT, "%d agents (%d GPUs), %d days, offered load %.2f, %s run times, "
                    + "%.0f%% resumable, seed %d", agents, gpus(), days, load, durations.name().toLowerCase(Locale.ROOT),
                    100 * resumableShare, seed);
        }
    }

    /** The generated jobs, in submission order, and the load they realise. */
    public record Workload(Settings settings, List<SimJob> jobs, double offeredLoad) {
        public Workload {
            jobs = List.copyOf(jobs);
        }

        public long periodMillis() {
            return settings.days() * 24 * HOUR;
        }
    }

    private WorkloadGenerator() {}

    public static Workload generate(Settings settings) {
        Random random = new Random(settings.seed() * 0x9E3779B97F4A7C15L + 17);
        double meanHourly = 0;
        for (double h : HOURLY) {
            meanHourly += h / HOURLY.length;
        }
        double jobsPerHour = settings.load() * settings.gpus() * 3600.0
                / (SizeModel.meanGpus() * settings.durations().meanSeconds());
        double shares = settings.teams().stream().mapToDouble(TeamSpec::loadShare).sum();
        List<long[]> arrivals = new ArrayList<>();
        for (int hour = 0; hour < settings.days() * 24; hour++) {
            double rate = jobsPerHour * HOURLY[hour % 24] / meanHourly;
            int count = poisson(rate, random);
            for (int k = 0; k < count; k++) {
                arrivals.add(new long[] {hour * HOUR + (long) (random.nextDouble() * HOUR), random.nextLong()});
            }
        }
        arrivals.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
        List<SimJob> jobs = new ArrayList<>(arrivals.size());
        double asked = 0;
        for (long[] arrival : arrivals) {
            Random own = new Random(arrival[1]);
            TeamSpec team = pickTeam(settings.teams(), shares, own);
            int gpus = SizeModel.sampleGpus(own);
            int workers = SizeModel.workers(gpus);
            double seconds = settings.durations().sampleSeconds(own);
            boolean resumable = own.nextDouble() < settings.resumableShare();
            int index = jobs.size();
            jobs.add(new SimJob(index, String.format(Locale.ROOT, "job-%06d", index), team.name(),
                    team.name() + "-user-" + own.nextInt(USERS_PER_TEAM), arrival[0], workers,
                    SimJob.workerOf(gpus / workers), seconds, resumable));
            asked += gpus * seconds;
        }
        double offered = asked / (settings.gpus() * settings.days() * 24 * 3600.0);
        return new Workload(settings, jobs, offered);
    }

    private static TeamSpec pickTeam(List<TeamSpec> teams, double total, Random random) {
        double u = random.nextDouble() * total;
        for (TeamSpec team : teams) {
            u -= team.loadShare();
            if (u < 0) {
                return team;
            }
        }
        return teams.get(teams.size() - 1);
    }

    /** A Poisson count with mean {@code mean}: Knuth's method, in steps that keep e^-mean representable. */
    static int poisson(double mean, Random random) {
        int count = 0;
        double left = mean;
        while (left > 0) {
            double step = Math.min(left, 30);
            left -= step;
            double limit = Math.exp(-step);
            double product = random.nextDouble();
            while (product > limit) {
                count++;
                product *= random.nextDouble();
            }
        }
        return count;
    }
}
