package dev.gantry.mesos;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Master addresses as people write them ({@code mesos://host:5050}, {@code http://host:5050},
 * {@code mesos://m1:5050,m2:5050}), turned into HTTP base URIs, and the scheduler endpoint under
 * each.
 */
public final class MasterAddresses {
    static final String SCHEDULER_PATH = "/api/v1/scheduler";
    static final int DEFAULT_PORT = 5050;

    private MasterAddresses() {}

    /**
     * Parses a master or a comma-separated list of masters into base URIs such as
     * {@code http://host:5050}. An entry without a scheme takes the scheme of the entry before
     * it ({@code mesos://m1:5050,m2:5050}); {@code mesos://} means {@code http://}.
     */
    /** The master as it may be printed or logged: a ZooKeeper URL's password as {@code ***}. */
    public static String printable(String spec) {
        return ZooKeeperUrl.redacted(spec);
    }

    public static List<URI> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no Mesos master given; give the master's address, e.g. mesos://host:5050");
        }
        String trimmed = redactUserInfo(spec.strip());
        if (trimmed.toLowerCase(Locale.ROOT).contains("zk://")) {
            // The scheduler client and the operator read a zk:// URL with ZooKeeperUrl before this.
            throw new IllegalArgumentException("a ZooKeeper URL names no master address by itself; give the master's"
                    + " address, e.g. mesos://host:5050, or mesos://zk://host:2181/mesos alone (got " + trimmed + ")");
        }
        List<URI> masters = new ArrayList<>();
        String scheme = "mesos";
        for (String entry : trimmed.split(",", -1)) {
            String address = entry.strip();
            if (address.isEmpty()) {
                throw new IllegalArgumentException("empty entry in the master list '" + trimmed + "'");
            }
            int separator = address.indexOf("://");
            if (separator >= 0) {
                scheme = address.substring(0, separator).toLowerCase(Locale.ROOT);
                address = address.substring(separator + 3);
            }
            masters.add(base(scheme, address, trimmed));
        }
        return List.copyOf(masters);
    }

    /** One master given as a URI; see {@link #parse(String)}. */
    static URI parse(URI master) {
        List<URI> masters = parse(master.toString());
        if (masters.size() != 1) {
            throw new IllegalArgumentException("a URI names one master: " + master);
        }
        return masters.get(0);
    }

    /** The scheduler API endpoint of a master base URI. */
    static URI endpoint(URI base) {
        return URI.create(base + SCHEDULER_PATH);
    }

    /** The master base URI of a scheduler API endpoint. */
    static URI baseOf(URI endpoint) {
        String text = endpoint.toString();
        if (text.endsWith(SCHEDULER_PATH)) {
            return URI.create(text.substring(0, text.length() - SCHEDULER_PATH.length()));
        }
        return URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority());
    }

    /**
     * Where a 307 sends a request. Mesos writes the leader's address protocol-relative
     * ({@code //host:port/api/v1/scheduler}), which keeps the scheme of the request.
     */
    static URI redirect(URI endpoint, String location) {
        URI target;
        try {
            target = endpoint.resolve(new URI(location.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("unusable Location '" + location + "' in a redirect from " + endpoint, e);
        }
        if (target.getHost() == null) {
            throw new IllegalArgumentException("Location '" + location + "' in a redirect from " + endpoint
                    + " names no host");
        }
        return target;
    }

    /** Keeps a password written into an address out of error messages. */
    private static String redactUserInfo(String spec) {
        return spec.replaceAll("(?<=//)[^/@,]*@", "<hidden>@");
    }

    private static URI base(String scheme, String address, String spec) {
        String httpScheme;
        switch (scheme) {
            case "mesos":
            case "http":
                httpScheme = "http";
                break;
            case "https":
                httpScheme = "https";
                break;
            default:
                throw new IllegalArgumentException("unsupported scheme '" + scheme + "://' in master '" + spec
                        + "'; use mesos://, http:// or https://");
        }
        int slash = address.indexOf('/');
        String authority = slash >= 0 ? address.substring(0, slash) : address;
        if (authority.contains("@")) {
            throw new IllegalArgumentException("credentials in a master address are not supported; use a Credential");
        }
        String path = slash >= 0 ? address.substring(slash).replaceAll("/+$", "") : "";
        URI uri;
        try {
            uri = new URI(httpScheme + "://" + authority + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed master address '" + address + "' in '" + spec + "'", e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in master address '" + address + "' in '" + spec + "'");
        }
        if (path.endsWith(SCHEDULER_PATH)) {
            path = path.substring(0, path.length() - SCHEDULER_PATH.length());
        }
        int port = uri.getPort();
        if (port < 0 && scheme.equals("mesos")) {
            port = DEFAULT_PORT;
        }
        String host = uri.getHost();
        return URI.create(httpScheme + "://" + host + (port >= 0 ? ":" + port : "") + path);
    }
}
