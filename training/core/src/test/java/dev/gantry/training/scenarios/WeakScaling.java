package dev.gantry.training.scenarios;

import com.sun.management.OperatingSystemMXBean;
import dev.gantry.training.TrainConfig;
import dev.gantry.training.TrainingJob;
import dev.gantry.training.backend.Backends;
import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.files.Directories;
import dev.gantry.training.data.DataSources;
import dev.gantry.training.data.DataSpec;
import dev.gantry.training.data.SyntheticClassification;
import dev.gantry.training.spark.DistributedTrainer;
import dev.gantry.training.spark.TrainingRun;
import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.ProgressSink;
import dev.gantry.training.worker.WorkerStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Weak scaling of a whole training run: the same MLP trained through {@link DistributedTrainer} on
 * {@code local[2]} by one worker and by two, each worker taking the same per-worker batch (so two
 * workers process twice the samples per step) with one framework thread. Jobs alternate 1, 2, 1,
 * 2, ... in one JVM and one Spark session, so Spark start-up is paid once and drift falls on both.
 *
 * <p>Per job, the first epoch (shard assembly, JIT, ring set-up) is left out: throughput is the
 * samples of the later epochs over their seconds as {@link EpochMetrics} reports them. Between
 * the driver's notices of the end of epoch 1 and of the last epoch the harness also takes the
 * process's CPU time, the CPU time of the Java threads that train (Spark task threads and the
 * ring's sender threads), and the CPU the rest of the machine used ({@code /proc/stat}). Samples
 * per CPU second hold still when other processes take cores from the workers, where samples per
 * wall second do not; their ratio (two workers / one) is what scaling costs in work (all-reduce,
 * copies), without the time a worker waits for a core or for its peer. The compute share is the
 * workers' mean {@link WorkerStats#computeFraction()}: the part of each loop spent in its own
 * gradient and update, the rest going to the all-reduce and to waiting for the peer.
 *
 * <p>Each round also measures the ceiling the machine and framework allow: one thread, then two
 * threads at once, each stepping its own replica in this JVM (gradient out, gradient in: the
 * same per-step work without Spark and without the ring), for as many steps as a job measures.
 *
 * <p>Backend benchmark modules call {@link #run(String, String...)} from their {@code main}.
 * Arguments: {@code --inputs=784 --hidden=256,128 --classes=10 --batch=128} (per worker)
 * {@code --steps=50} (per epoch) {@code --epochs=5 --rounds=5} (pairs) {@code --warmup=1} (pairs).
 */
public final class WeakScaling {
    private static final Set<String> NAMES = Set.of("inputs", "hidden", "classes", "batch", "steps", "epochs",
            "rounds", "warmup", "lr");
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One job's steady-state figures. */
    record Round(int workers, double samplesPerSecond, double samplesPerCpuSecond, double samplesPerTaskCpuSecond,
                 double processCores, double otherCores, double computeShare) {}

    private WeakScaling() {}

    public static void run(String framework, String... args) throws IOException {
        Map<String, String> o = parse(args);
        int inputs = Integer.parseInt(o.getOrDefault("inputs", "784"));
        List<Integer> hidden = Arrays.stream(o.getOrDefault("hidden", "256,128").split(",")).map(Integer::valueOf).toList();
        int classes = Integer.parseInt(o.getOrDefault("classes", "10"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "128"));
        int steps = Integer.parseInt(o.getOrDefault("steps", "50"));
        int epochs = Integer.parseInt(o.getOrDefault("epochs", "5"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "1"));
        double lr = Double.parseDouble(o.getOrDefault("lr", "0.01"));
        if (epochs < 2) {
            throw new IllegalArgumentException("--epochs must be at least 2: the first epoch is not measured");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        ModelSpec model = ModelSpec.mlp(inputs, hidden, classes);
        System.out.printf(Locale.ROOT, "%s weak scaling on local[2]: MLP %d-%s-%d, SGD lr %s, batch %d per worker, "
                        + "%d steps per epoch, %d epochs (first not measured), 1 framework thread per worker; "
                        + "%d rounds of (1 worker, 2 workers) after %d warm-up; %d processors, Java %s, OMP_NUM_THREADS=%s%n",
                framework, inputs, hidden.stream().map(String::valueOf).collect(Collectors.joining("-")), classes, lr,
                batch, steps, epochs, rounds, warmup, Runtime.getRuntime().availableProcessors(), Runtime.version(),
                System.getenv("OMP_NUM_THREADS"));
        Path scratch = Files.createTempDirectory("gantry-scaling");
        List<Round> one = new ArrayList<>();
        List<Round> two = new ArrayList<>();
        List<Round> ceilingOne = new ArrayList<>();
        List<Round> ceilingTwo = new ArrayList<>();
        // Made before any job so that, as in a worker, the framework's first model in the process has one thread.
        SyntheticClassification data = SyntheticClassification.separable(inputs, classes, 7);
        List<WorkerModel> replicas = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            replicas.add(Backends.find(framework).create(model, new TrainSettings(Optimizer.SGD, lr, 1), 42, List.of()));
        }
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batches.add(data.batch((long) i * batch, batch));
        }
        try (SparkSession spark = ScenarioJobs.session("local[2]", "weak-scaling").getOrCreate()) {
            spark.sparkContext().setLogLevel("WARN");
            System.out.printf("%-8s %7s %12s %18s %18s %14s %13s %14s%n", "round", "workers", "samples/s",
                    "samples/CPU s", "samples/task CPU s", "process cores", "other cores", "compute share");
            for (int round = -warmup; round < rounds; round++) {
                for (int workers = 1; workers <= 2; workers++) {
                    TrainConfig config = TrainConfig.defaults().withWorkers(workers).withBatch(batch * workers)
                            .withEpochs(epochs).withOptimizer(Optimizer.SGD).withLearningRate(lr).withThreads(1)
                            .withCheckpointSteps(Integer.MAX_VALUE);
                    String name = "scaling-" + workers + "-" + (round + warmup);
                    TrainingJob job = new TrainingJob(name, framework, model, config, scratch.resolve(name).toString());
                    Round r = measure(spark, job, inputs, classes, batch * workers * steps);
                    delete(scratch.resolve(name));
                    if (round >= 0) {
                        (workers == 1 ? one : two).add(r);
                    }
                    print(round < 0 ? "warm-up" : Integer.toString(round + 1), Integer.toString(workers), r);
                }
                for (int threads = 1; threads <= 2; threads++) {
                    Round r = independent(replicas.subList(0, threads), batches, steps * (epochs - 1));
                    if (round >= 0) {
                        (threads == 1 ? ceilingOne : ceilingTwo).add(r);
                    }
                    print(round < 0 ? "warm-up" : Integer.toString(round + 1), threads + " ind", r);
                }
            }
        } finally {
            replicas.forEach(WorkerModel::close);
            delete(scratch);
        }
        System.out.println("Gantry on local[2] (workers 1 and 2):");
        summarise(one, two);
        System.out.println("Ceiling, independent replicas without Spark or ring (\"ind\": threads 1 and 2):");
        summarise(ceilingOne, ceilingTwo);
    }

    /** Steps each replica on its own thread, all at once; the figures of the whole. */
    private static Round independent(List<WorkerModel> replicas, List<Batch> batches, int steps) {
        long[] taskCpu = new long[replicas.size()];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < replicas.size(); t++) {
            WorkerModel replica = replicas.get(t);
            int index = t;
            threads.add(new Thread(() -> {
                long cpu = THREADS.getCurrentThreadCpuTime();
                float[] gradient = new float[Math.toIntExact(replica.parameterCount())];
                for (int s = 0; s < steps; s++) {
                    replica.computeGradients(batches.get(s % batches.size()), gradient);
                    replica.applyGradients(gradient);
                }
                taskCpu[index] = THREADS.getCurrentThreadCpuTime() - cpu;
            }, "replica-" + t));
        }
        long wall = System.nanoTime();
        long cpu = OS.getProcessCpuTime();
        long busy = busyTicks();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - wall) / 1e9;
        double cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
        double machine = (busyTicks() - busy) / 100.0;
        double samples = (double) replicas.size() * steps * batches.get(0).size();
        return new Round(replicas.size(), samples / seconds, samples / cpuSeconds,
                samples / (Arrays.stream(taskCpu).sum() / 1e9), cpuSeconds / seconds, Math.max(0, machine - cpuSeconds) / seconds,
                Double.NaN);
    }

    private static void summarise(List<Round> one, List<Round> two) {
        double[] wallEfficiency = new double[one.size()];
        double[] cpuEfficiency = new double[one.size()];
        for (int i = 0; i < one.size(); i++) {
            wallEfficiency[i] = two.get(i).samplesPerSecond() / (2 * one.get(i).samplesPerSecond());
            cpuEfficiency[i] = two.get(i).samplesPerCpuSecond() / one.get(i).samplesPerCpuSecond();
        }
        print("median", "1", medians(one));
        print("median", "2", medians(two));
        System.out.printf(Locale.ROOT, "per-round scaling efficiency, samples/s(2) / (2 x samples/s(1)): %s%n", list(wallEfficiency));
        System.out.printf(Locale.ROOT, "per-round CPU efficiency, samples per CPU s (2) / (1): %s%n", list(cpuEfficiency));
        System.out.printf(Locale.ROOT, "scaling efficiency (wall): %.3f of the medians, %.3f median of the per-round ratios%n",
                median(two, Round::samplesPerSecond) / (2 * median(one, Round::samplesPerSecond)), median(wallEfficiency));
        System.out.printf(Locale.ROOT, "CPU efficiency (samples per process CPU second): %.3f of the medians, %.3f median of the per-round ratios%n",
                median(two, Round::samplesPerCpuSecond) / median(one, Round::samplesPerCpuSecond), median(cpuEfficiency));
    }

    private static void print(String round, String workers, Round r) {
        System.out.printf(Locale.ROOT, "%-8s %7s %12.0f %18.0f %18.0f %14.2f %13.2f %14s%n", round, workers,
                r.samplesPerSecond(), r.samplesPerCpuSecond(), r.samplesPerTaskCpuSecond(), r.processCores(),
                r.otherCores(), Double.isNaN(r.computeShare()) ? "-" : String.format(Locale.ROOT, "%.3f", r.computeShare()));
    }

    private static Round medians(List<Round> rounds) {
        return new Round(rounds.get(0).workers(), median(rounds, Round::samplesPerSecond),
                median(rounds, Round::samplesPerCpuSecond), median(rounds, Round::samplesPerTaskCpuSecond),
                median(rounds, Round::processCores), median(rounds, Round::otherCores), median(rounds, Round::computeShare));
    }

    private static Round measure(SparkSession spark, TrainingJob job, int inputs, int classes, int examples) {
        Window window = new Window(job.config().epochs());
        TrainingRun run = new DistributedTrainer(spark).train(job,
                DataSources.read(spark, new DataSpec("synthetic", null, Map.of("examples", Integer.toString(examples),
                        "classes", Integer.toString(classes))), inputs),
                null, "features", "label", window);
        List<EpochMetrics> measured = run.epochs().subList(1, run.epochs().size());
        double samples = measured.stream().mapToDouble(e -> e.samplesPerSecond() * e.seconds()).sum();
        double seconds = measured.stream().mapToDouble(EpochMetrics::seconds).sum();
        if (window.end == null) {
            throw new IllegalStateException("the driver missed the epoch notices of " + job.name());
        }
        double wall = (window.end.nanos - window.start.nanos) / 1e9;
        double cpu = (window.end.processCpu - window.start.processCpu) / 1e9;
        double taskCpu = (window.end.taskCpu - window.start.taskCpu) / 1e9;
        double machine = (window.end.machineBusyTicks - window.start.machineBusyTicks) / 100.0;
        // over the whole loop, epoch 1 included: what share of a worker's time went to its own steps, not the ring
        double computeShare = run.workerStats().stream().mapToDouble(WorkerStats::computeFraction).average().orElse(Double.NaN);
        return new Round(job.config().workers(), samples / seconds, samples / cpu, samples / taskCpu, cpu / wall,
                Math.max(0, machine - cpu) / wall, computeShare);
    }

    /** Takes a snapshot when the driver hears of the end of epoch 1 and of the last epoch. */
    private static final class Window implements ProgressSink {
        private final int epochs;
        private volatile Snapshot start;
        private volatile Snapshot end;

        Window(int epochs) {
            this.epochs = epochs;
        }

        @Override
        public void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
        }

        @Override
        public void epoch(EpochMetrics metrics) {
            if (metrics.epoch() == 1) {
                start = Snapshot.now();
            } else if (metrics.epoch() == epochs) {
                end = Snapshot.now();
            }
        }
    }

    private record Snapshot(long nanos, long processCpu, long taskCpu, long machineBusyTicks) {
        static Snapshot now() {
            long taskCpu = 0;
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info != null && (info.getThreadName().startsWith("Executor task launch")
                        || info.getThreadName().startsWith("gantry-ring-send"))) {
                    taskCpu += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
                }
            }
            return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(), taskCpu, busyTicks());
        }
    }

    /** Ticks (1/100 s) all cores spent on user, nice, system, irq and softirq work; 0 off Linux. */
    private static long busyTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElse("cpu").trim().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        return median(rounds.stream().mapToDouble(figure).toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String list(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v)).collect(Collectors.joining(" "));
    }

    private static Map<String, String> parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
            if (name == null || !NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; use --name=value with name one of " + NAMES);
            }
            values.put(name, arg.substring(eq + 1));
        }
        return values;
    }

    private static void delete(Path dir) {
        try {
            Directories.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
