package dev.gantry.mesos;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A ZooKeeper URL in Mesos' syntax ({@code --zk} of masters, {@code --master} of agents):
 * {@code zk://host:port[,host:port...]/path} or {@code zk://user:password@host:port,.../path},
 * the credentials being a ZooKeeper digest. Spark 3.5 took it as {@code mesos://zk://...}.
 *
 * @param connectString the ZooKeeper ensemble, {@code host:port,host:port}
 * @param path          the znode the masters register under, e.g. {@code /mesos}
 * @param digest        {@code user:password}, when given
 */
record ZooKeeperUrl(String connectString, String path, Optional<String> digest) {
    private static final String SCHEME = "zk://";
    private static final Pattern SERVER = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(:\\d{1,5})?");

    /** Whether a master spec names ZooKeeper ({@code zk://...} or {@code mesos://zk://...}). */
    static boolean isZooKeeper(String spec) {
        return spec != null && withoutMesosScheme(spec.strip()).toLowerCase(Locale.ROOT).startsWith(SCHEME);
    }

    /**
     * Parses {@code zk://...} or {@code mesos://zk://...}.
     *
     * @throws IllegalArgumentException naming what is wrong; never with the password in it
     */
    static ZooKeeperUrl parse(String spec) {
        String url = withoutMesosScheme(spec.strip());
        if (!url.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            throw new IllegalArgumentException("not a ZooKeeper URL (zk://host:port/path): " + redacted(url));
        }
        String rest = url.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("no path in ZooKeeper URL " + redacted(url)
                    + "; the masters register under one, e.g. zk://host:2181/mesos");
        }
        String authority = rest.substring(0, slash);
        String path = rest.substring(slash).replaceAll("/+$", "");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("no path in ZooKeeper URL " + redacted(url)
                    + "; the masters register under one, e.g. zk://host:2181/mesos");
        }
        Optional<String> digest = Optional.empty();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String credentials = authority.substring(0, at);
            if (!credentials.contains(":") || credentials.startsWith(":")) {
                throw new IllegalArgumentException("credentials in ZooKeeper URL " + redacted(url)
                        + " must be user:password");
            }
            digest = Optional.of(credentials);
            authority = authority.substring(at + 1);
        }
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("no ZooKeeper server in " + redacted(url));
        }
        for (String server : authority.split(",", -1)) {
            if (!SERVER.matcher(server).matches()) {
                throw new IllegalArgumentException("malformed ZooKeeper server '" + server + "' in " + redacted(url)
                        + "; write host:port");
            }
        }
        return new ZooKeeperUrl(authority, path, digest);
    }

    /** The URL with the password hidden, for messages and logs. */
    @Override
    public String toString() {
        return SCHEME + digest.map(d -> d.substring(0, d.indexOf(':')) + ":***@").orElse("") + connectString + path;
    }

    private static String withoutMesosScheme(String spec) {
        return spec.toLowerCase(Locale.ROOT).startsWith("mesos://zk://") ? spec.substring("mesos://".length()) : spec;
    }

    static String redacted(String url) {
        return url.replaceAll("(?<=//)([^/@:]*):[^/@]*@", "$1:***@");
    }
}
