package dev.gantry.spark;

/** What to tell the user when the master stops serving a running application's framework. */
final class FrameworkLoss {
    /**
     * Mesos' ERROR to a SUBSCRIBE that names a framework it has removed. A master removing a
     * framework closes its event stream without a word; the driver learns why only when it
     * subscribes again.
     */
    static final String REMOVED = "Framework has been removed";

    private FrameworkLoss() {}

    /**
     * One sentence for the log and for the jobs it fails.
     *
     * @param reason why the scheduler client stopped
     * @param masterError the master's last ERROR event, or null
     */
    static String describe(String reason, String masterError, String master, String frameworkId) {
        if (REMOVED.equals(masterError)) {
            return "Mesos framework " + frameworkId + " was torn down: the master at " + master + " has removed it"
                    + " (by 'gantry kill', by an operator's POST /master/teardown, or because the driver was"
                    + " disconnected for longer than spark.mesos.driver.failoverTimeout), which killed its executors";
        }
        return "lost the Mesos master at " + master + " for good (" + reason + ")";
    }
}
