/**
 * Runnable examples: job specs and small programs that use Gantry, with small generated data and
 * no downloads. The job specs arrive with {@code gantry run}; until then the embedded cluster's
 * own check, {@code ./gantry cluster check}, is the runnable example.
 */
package dev.gantry.examples;
