/**
 * The scheduler side of Mesos' v1 HTTP API ({@code POST /api/v1/scheduler}):
 * {@link dev.gantry.mesos.SchedulerClient} subscribes a framework, keeps the subscription alive
 * across leader changes, lost streams and network partitions, and makes the scheduler calls;
 * {@link dev.gantry.mesos.SchedulerListener} hears the events. {@link dev.gantry.mesos.MasterOperator}
 * speaks the two operator endpoints of the v0 API that Gantry's commands use ({@code /master/state},
 * {@code /master/teardown}).
 *
 * <p>Depends on the wire formats in {@code dev.gantry.protocol}, the Mesos protos and the JDK's
 * {@code java.net.http} only; it knows nothing of Spark or placement.
 */
package dev.gantry.mesos;
