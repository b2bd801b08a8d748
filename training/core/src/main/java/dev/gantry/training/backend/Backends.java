package dev.gantry.training.backend;

import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds a backend by name on the classpath. */
public final class Backends {
    private Backends() {}

    /** Whether a backend of that name is on the classpath, for launchers that supply it when not. */
    public static boolean present(String name) {
        for (TrainingBackend backend : ServiceLoader.load(TrainingBackend.class, Backends.class.getClassLoader())) {
            if (backend.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    public static TrainingBackend find(String name) {
        TreeSet<String> present = new TreeSet<>();
        for (TrainingBackend backend : ServiceLoader.load(TrainingBackend.class, Backends.class.getClassLoader())) {
            if (backend.name().equals(name)) {
                return backend;
            }
            present.add(backend.name());
        }
        throw new IllegalArgumentException("framework '" + name + "' is not on the classpath"
                + (present.isEmpty() ? " (no training backend is)" : " (present: " + String.join(", ", present) + ")"));
    }
}
