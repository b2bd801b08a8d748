package dev.gantry.cli;

/**
 * Chooses Gantry's log level before the first logger exists: {@code GANTRY_LOG_LEVEL} when set,
 * else a command's own default. The log4j2 configuration reads the system property it sets.
 */
final class Logging {
    static final String PROPERTY = "gantry.log.level";

    private Logging() {}

    static void useLevelFromEnvironment() {
        String level = System.getenv("GANTRY_LOG_LEVEL");
        if (level != null && !level.isBlank()) {
            System.setProperty(PROPERTY, level.trim());
        }
    }

    /** Sets the level unless the environment chose one; effective only before logging starts. */
    static void defaultTo(String level) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, level);
        }
    }
}
