package dev.gantry.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the leading Mesos master from ZooKeeper, as Mesos' own detector does: every master
 * holds an ephemeral sequential znode {@code json.info_NNNNNNNNNN} under the URL's path whose
 * data is its {@code MasterInfo} in JSON, and the lowest sequence number leads. Read afresh
 * before each (re)subscribe; a leader that died keeps its znode until its ZooKeeper session
 * expires, so a SUBSCRIBE to it fails and the next round reads again.
 */
final class ZooKeeperMasterDetector implements MasterDetector {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperMasterDetector.class);
    static final String MEMBER_PREFIX = "json.info_";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZooKeeperUrl url;
    private final Duration timeout;
    private CuratorFramework curator;
    private boolean closed;
    private URI lastDetected;
    private volatile Runnable changed = () -> {};
    /** One instance, so that ZooKeeper keeps one watch however often the children are read. */
    private final Watcher childrenWatcher = event -> {
        if (event.getType() == Watcher.Event.EventType.NodeChildrenChanged) {
            changed.run();
        }
    };

    /** @param timeout how long one detection may wait for ZooKeeper, connecting included */
    ZooKeeperMasterDetector(ZooKeeperUrl url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    @Override
    public List<URI> candidates(URI lastLeader) throws MasterDetectionException, InterruptedException {
        CuratorFramework zk = connected();
        String leader = leadingMember(zk);
        byte[] data;
        try {
            data = zk.getData().forPath(url.path() + "/" + leader);
        } catch (KeeperException.NoNodeException e) {
            throw new MasterDetectionException("the leading master's znode " + leader + " in ZooKeeper at " + url
                    + " went away while being read (a leader change)");
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw unreadable(e);
        }
        URI endpoint = MasterAddresses.endpoint(address(data, leader));
        synchronized (this) {
            if (!endpoint.equals(lastDetected)) {
                LOG.info("ZooKeeper at {} names {} ({}) the leading Mesos master", url, MasterAddresses.baseOf(endpoint),
                        leader);
                lastDetected = endpoint;
            }
        }
        return List.of(endpoint);
    }

    private CuratorFramework connected() throws MasterDetectionException, InterruptedException {
        CuratorFramework zk;
        synchronized (this) {
            if (closed) {
                throw new MasterDetectionException("the ZooKeeper master detector for " + url + " is closed");
            }
            if (curator == null) {
                CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                        .connectString(url.connectString())
                        .connectionTimeoutMs(Math.toIntExact(timeout.toMillis()))
                        // One retry rides out a dropped connection; more would stretch the bound.
                        .retryPolicy(new RetryNTimes(1, 200))
                        // The servers the user named, not the ones the ensemble's config lists.
                        .ensembleTracker(false);
                url.digest().ifPresent(d -> builder.authorization("digest", d.getBytes(StandardCharsets.UTF_8)));
                curator = builder.build();
                curator.start();
            }
            zk = curator;
        }
        if (!zk.blockUntilConnected(Math.toIntExact(timeout.toMillis()), TimeUnit.MILLISECONDS)) {
            throw new MasterDetectionException("cannot reach ZooKeeper at " + url + " within " + timeout.toSeconds()
                    + " s");
        }
        return zk;
    }

    private String leadingMember(CuratorFramework zk) throws MasterDetectionException, InterruptedException {
        List<String> children;
        try {
            // A one-shot watch, set again by every read: a detection is due whenever the masters change.
            children = zk.getChildren().usingWatcher(childrenWatcher).forPath(url.path());
        } catch (KeeperException.NoNodeException e) {
            throw new MasterDetectionException("no Mesos master has registered in ZooKeeper at " + url
                    + " (no znode " + url.path() + ")");
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw unreadable(e);
        }
        Optional<String> leader = children.stream().filter(ZooKeeperMasterDetector::isMember)
                .min(Comparator.comparingLong(ZooKeeperMasterDetector::sequence));
        if (leader.isEmpty()) {
            throw new MasterDetectionException("no Mesos master is registered in ZooKeeper at " + url + " (no "
                    + MEMBER_PREFIX + "* znode under " + url.path() + ")");
        }
        return leader.get();
    }

    /** A master's base URI from its MasterInfo: {@code address.ip} (what Mesos' own detector dials), else the hostname. */
    static URI address(byte[] masterInfo, String member) throws MasterDetectionException {
        JsonNode info;
        try {
            info = JSON.readTree(masterInfo);
        } catch (IOException e) {
            throw new MasterDetectionException("the znode " + member + " holds no MasterInfo JSON: " + e.getMessage());
        }
        JsonNode address = info.path("address");
        String host = address.path("ip").asText(address.path("hostname").asText(info.path("hostname").asText("")));
        int port = address.path("port").asInt(info.path("port").asInt(0));
        if (host.isEmpty() || port <= 0) {
            throw new MasterDetectionException("the MasterInfo in znode " + member + " names no address and port");
        }
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    static boolean isMember(String child) {
        return child.startsWith(MEMBER_PREFIX) && child.length() > MEMBER_PREFIX.length()
                && child.substring(MEMBER_PREFIX.length()).chars().allMatch(Character::isDigit);
    }

    static long sequence(String member) {
        return Long.parseLong(member.substring(MEMBER_PREFIX.length()));
    }

    private MasterDetectionException unreadable(Exception e) {
        return new MasterDetectionException("cannot read the Mesos masters from ZooKeeper at " + url + ": "
                + MasterConnector.describe(e), e);
    }

    @Override
    public void watch(Runnable changed) {
        this.changed = changed;
    }

    @Override
    public String describe() {
        return url.toString();
    }

    @Override
    public void close() {
        CuratorFramework zk;
        synchronized (this) {
            closed = true;
            zk = curator;
            curator = null;
        }
        if (zk != null) {
            zk.close();
        }
    }
}
