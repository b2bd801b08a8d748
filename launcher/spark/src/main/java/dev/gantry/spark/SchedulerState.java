package dev.gantry.spark;

import java.util.concurrent.locks.ReentrantLock;

/**
 * What the backend's threads share, under one lock: Spark's threads (start, stop, executor
 * requests and kills) and the Mesos client's event thread (offers, status updates) both read and
 * change it. Every field is read and written with {@link #lock} held; calls to the master are
 * collected under it and made after it is released.
 */
final class SchedulerState {
    final ReentrantLock lock = new ReentrantLock();
    final LaunchedExecutors executors;
    final OfferRounds offers;
    /** Set once stop() began (or start() failed): offers are declined and ended executors not reported. */
    boolean stopping;
    /** Set once start() has subscribed: from then on, losing the master ends the application. */
    boolean running;
    /** Why the client stopped on its own (the master removed the framework, or refused it); null while it runs. */
    String lostReason;

    SchedulerState(MesosBackendConf conf) {
        this.executors = new LaunchedExecutors(conf.dynamicAllocation() ? 0 : conf.staticExecutors());
        this.offers = new OfferRounds(conf);
    }
}
