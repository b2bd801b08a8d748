/**
 * The part of {@code gantry serve} that talks to Mesos about jobs' drivers: a framework of its own
 * ({@link dev.gantry.service.drivers.DriverFramework}) that launches each job's driver, a
 * {@code gantry run} of the job's spec, as a Mesos task (cluster mode), reports every driver task's
 * state to the service ({@link dev.gantry.service.drivers.DriverListener}), kills drivers, and finds
 * running ones again after a restart through explicit reconciliation. Which failures are worth a
 * relaunch, and when, is {@link dev.gantry.service.drivers.SupervisionPolicy}, a pure class the
 * service asks; the framework itself never relaunches anything.
 *
 * <p>Uses the scheduler client ({@code dev.gantry.mesos}), the offer arithmetic of the Spark backend
 * ({@code dev.gantry.offers}, {@code dev.gantry.placement}) and nothing of the CLI: the driver task
 * runs {@code dev.gantry.cli.GantryCli} by name, in its own JVM.
 */
package dev.gantry.service.drivers;
