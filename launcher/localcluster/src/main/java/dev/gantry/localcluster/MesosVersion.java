package dev.gantry.localcluster;

import org.apache.mesos.v1.Protos.VersionInfo;

/**
 * The Mesos release whose API the embedded master speaks: what {@code /version}, GET_VERSION,
 * {@code MasterInfo.version} and {@code /state} report, so that tools gating on a version treat it
 * as that release.
 */
final class MesosVersion {
    static final String VERSION = "1.11.0";

    private MesosVersion() {}

    /**
     * Mesos reports when its binary was built; the embedded master has no build of its own, so it
     * reports when it started, which tools only display.
     */
    static VersionInfo info(long startMillis) {
        return VersionInfo.newBuilder()
                .setVersion(VERSION)
                .setBuildDate(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(startMillis)))
                .setBuildTime(startMillis / 1000)
                .setBuildUser("")
                .build();
    }
}
