/**
 * Running one training job end to end for {@code gantry run}: checks before anything starts, the
 * cluster the job goes to, the placement it gets, live progress, and the summary and report at
 * the end. Depends on {@code job}, {@code spark}, {@code localcluster} and {@code report}; only
 * {@code cli} depends on it.
 */
package dev.gantry.run;
