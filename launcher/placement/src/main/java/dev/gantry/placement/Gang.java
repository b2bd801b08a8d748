package dev.gantry.placement;

/**
 * All executors a job still needs must start together (distributed training needs every worker
 * at once): a plan places all of them or none. Offers that could help are held for up to
 * {@code timeoutMillis}; then they are declined and the job backs off.
 */
public record Gang(long timeoutMillis) {
    public Gang {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("a gang's timeout cannot be negative");
        }
    }
}
