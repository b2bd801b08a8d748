package dev.gantry.service.jobs;

import dev.gantry.job.JobSpec;
import dev.gantry.job.JobSpecException;
import dev.gantry.job.JobSpecReader;
import dev.gantry.run.Capacity;
import dev.gantry.run.ClusterView;
import dev.gantry.spark.MesosSparkSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a submitted spec as {@code gantry run} checks one, plus what running it as a service's
 * job asks: its driver runs in a sandbox on some agent, so its data must be named by absolute paths
 * or URLs, and its executors go to the service's cluster, so it may not name another master. A job
 * the cluster can never hold is refused too, rather than queued forever.
 */
final class SpecCheck {
    /** The spec's top-level fields, which an error's leading dotted word must start with to be a field. */
    private static final Set<String> ROOT_FIELDS = Arrays.stream(JobSpec.class.getRecordComponents())
            .map(c -> c.getName()).collect(Collectors.toUnmodifiableSet());
    private static final Pattern LEADING_FIELD = Pattern.compile("^([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)*)[ :]");
    /** How the spec's reader names a field it misses or does not know: {@code missing required field 'model'}. */
    private static final Pattern QUOTED_FIELD = Pattern.compile("field '([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)*)'");
    private static final String SOURCE = "the submitted spec";

    private final String master;
    private final Supplier<ClusterView> cluster;

    /**
     * @param master  the service's master, as drivers get it
     * @param cluster the cluster as it is now, read when a spec is checked
     */
    SpecCheck(String master, Supplier<ClusterView> cluster) {
        this.master = master;
        this.cluster = cluster;
    }

    CheckedJob check(Submission submission) {
        String text = submission.specText();
        if (text.isBlank()) {
            throw new SubmissionRejectedException(SOURCE + " is empty");
        }
        if (text.indexOf('\0') >= 0) {
            throw new SubmissionRejectedException(SOURCE + " holds a NUL character");
        }
        JobSpec spec;
        MesosSparkSettings settings;
        try {
            spec = new JobSpecReader().parseText(text, SOURCE);
            settings = spec.settings();
        } catch (JobSpecException | IllegalArgumentException e) {
            throw rejected(e.getMessage());
        }
        spec.masterUrl().filter(named -> !named.equals(master)).ifPresent(named -> {
            throw new SubmissionRejectedException("master", "master: the service runs every job on its own cluster ("
                    + master + "); remove master: " + named + " from the spec");
        });
        absolute("data.path", spec.data().path());
        if (spec.data().validation() != null) {
            absolute("data.validation.path", spec.data().validation().path());
        }
        try {
            Capacity.check(cluster.get(), spec.resources().workers(), settings, spec.resources().memoryPerWorker());
        } catch (JobSpecException e) {
            throw rejected(e.getMessage());
        }
        return new CheckedJob(text, spec, spec.resources().workers(), settings.executorShape(),
                settings.constraints());
    }

    /**
     * A spec checked when it was submitted, read again (after a restart): its fields only, since the
     * cluster may have changed since and the job waits rather than fails.
     */
    static CheckedJob reread(String text) {
        try {
            JobSpec spec = new JobSpecReader().parseText(text, "the stored spec");
            MesosSparkSettings settings = spec.settings();
            return new CheckedJob(text, spec, spec.resources().workers(), settings.executorShape(),
                    settings.constraints());
        } catch (JobSpecException | IllegalArgumentException e) {
            throw rejected(e.getMessage());
        }
    }

    private static void absolute(String field, String path) {
        if (path == null || path.isBlank() || path.contains("://")) {
            return;
        }
        if (!Path.of(path).isAbsolute()) {
            throw new SubmissionRejectedException(field, field + ": '" + path + "' is relative, but the job's driver"
                    + " runs in a sandbox on an agent; give an absolute path or a URL (gantry submit makes paths"
                    + " absolute against the directory it runs in)");
        }
    }

    /** The message, with the field it names where it starts with one. */
    static SubmissionRejectedException rejected(String message) {
        return new SubmissionRejectedException(field(message).orElse(null), message);
    }

    static Optional<String> field(String message) {
        String rest = message.startsWith(SOURCE + ": ") ? message.substring(SOURCE.length() + 2) : message;
        Matcher m = LEADING_FIELD.matcher(rest);
        if (m.find() && ROOT_FIELDS.contains(m.group(1).split("\\.")[0])) {
            return Optional.of(m.group(1));
        }
        Matcher quoted = QUOTED_FIELD.matcher(rest);
        return quoted.find() ? Optional.of(quoted.group(1)) : Optional.empty();
    }
}
