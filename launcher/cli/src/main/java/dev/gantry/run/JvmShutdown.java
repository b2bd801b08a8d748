package dev.gantry.run;

/** Whether this JVM is running its shutdown hooks: what a failure means depends on it. */
public final class JvmShutdown {
    private JvmShutdown() {}

    /** The JDK answers this only by refusing new hooks once shutdown has begun. */
    public static boolean underway() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }
}
