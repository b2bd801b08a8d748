package dev.gantry.training.collective;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A worker's way into a ring, in two steps, because peers can only connect to an address that
 * is known: first {@link #open} a listener and publish its {@link #address()} (the Spark layer
 * exchanges them with {@code BarrierTaskContext.allGather}); then, with every worker's address in
 * rank order, {@link #connect} to the successor while accepting the predecessor. A listener is
 * used for one ring; {@code connect} closes it.
 *
 * <pre>{@code
 * try (RingListener listener = RingListener.open(InetAddress.getByName(host))) {
 *     List<InetSocketAddress> peers = exchange(listener.address());
 *     Collectives ring = listener.connect(rank, peers, secret, RingOptions.forJob(jobId));
 *     ...
 * }
 * }</pre>
 */
public final class RingListener implements AutoCloseable {
    /** The least secret length: a shorter one could be guessed. */
    public static final int MIN_SECRET_BYTES = 16;
    /** How long a failed connect waits for a handshake under way on the accepting side to finish. */
    private static final long STOP_GRACE_SECONDS = 2;

    private final ServerSocketChannel server;
    private final InetSocketAddress address;
    private boolean used;

    private RingListener(ServerSocketChannel server) throws IOException {
        this.server = server;
        this.address = (InetSocketAddress) server.getLocalAddress();
    }

    /**
     * Listens on an ephemeral port of {@code bind}, which must be an address the other workers
     * can reach: the address published is the bound one.
     */
    public static RingListener open(InetAddress bind) {
        return open(new InetSocketAddress(Objects.requireNonNull(bind, "bind"), 0));
    }

    /** Listens on {@code bind}; port 0 picks an ephemeral port. */
    public static RingListener open(InetSocketAddress bind) {
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open();
            server.bind(bind, 16);
            server.configureBlocking(false);
            return new RingListener(server);
        } catch (IOException e) {
            TimedChannel.closeQuietly(server);
            throw new UncheckedIOException("cannot listen on " + bind + " for the ring: " + e.getMessage(), e);
        }
    }

    /** Where the other workers reach this one. */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * Joins the ring: connects to rank {@code rank + 1} and accepts rank {@code rank - 1} (mod
     * the number of workers), both authenticated with {@code secret} and checked against the job
     * id, ring size and ranks, within {@link RingOptions#connectTimeout()}. Connections that fail
     * the handshake are refused and the wait goes on; the error at the deadline names them.
     *
     * @param addressesByRank every worker's {@link #address()}, this one's included, by rank
     * @param secret the job's shared secret, at least {@value #MIN_SECRET_BYTES} bytes
     * @throws CollectiveException if the ring cannot be formed in time; this listener is closed
     */
    public RingCollectives connect(int rank, List<InetSocketAddress> addressesByRank, byte[] secret,
            RingOptions options) {
        List<InetSocketAddress> peers = List.copyOf(addressesByRank);
        Objects.requireNonNull(options, "options");
        int size = peers.size();
        if (size == 0 || rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " out of range for " + size + " workers");
        }
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the ring secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        synchronized (this) {
            if (used) {
                throw new IllegalStateException("this listener already joined a ring; open a new one");
            }
            used = true;
        }
        byte[] key = secret.clone();
        try {
            if (size == 1) {
                return RingCollectives.alone(options);
            }
            return join(rank, peers, key, options);
        } finally {
            close();
        }
    }

    private RingCollectives join(int rank, List<InetSocketAddress> peers, byte[] secret, RingOptions options) {
        int size = peers.size();
        int successor = (rank + 1) % size;
        int predecessor = (rank + size - 1) % size;
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        Hello outgoing = new Hello(options.jobId(), size, rank, successor, options.chunkBytes());
        Hello incoming = new Hello(options.jobId(), size, predecessor, rank, options.chunkBytes());

        // Every worker dials before it could accept: accepting on another thread keeps the ring
        // of handshakes from waiting on itself.
        PredecessorAcceptor acceptor;
        try {
            acceptor = new PredecessorAcceptor(server, incoming, "rank " + predecessor, secret, deadline,
                    options.connectTimeout().toMillis());
        } catch (IOException e) {
            throw new CollectiveException("cannot accept on " + address + ": " + e, e);
        }
        FutureTask<TimedChannel> accepting = new FutureTask<>(acceptor);
        Thread acceptorThread = new Thread(accepting, "gantry-ring-accept-" + rank);
        acceptorThread.setDaemon(true);
        acceptorThread.start();

        TimedChannel out;
        try {
            out = SuccessorDialer.dial(peers.get(successor), "rank " + successor, outgoing, secret, deadline);
        } catch (RuntimeException e) {
            // No ring without a successor. A successor that answered and refused means a ring
            // misconfigured for all (a secret, a job): the predecessor dials too, and must be told
            // why by this worker's acceptor rather than find its port closed and retry until the
            // connect timeout. Otherwise stop accepting, but keep what the acceptor saw for the error.
            try {
                if (e instanceof HandshakeRefused) {
                    acceptor.awaitHandshake(Math.max(0, deadline - System.nanoTime()));
                }
                acceptor.stop();
                accepting.get(STOP_GRACE_SECONDS, TimeUnit.SECONDS).close();
            } catch (ExecutionException failed) {
                e.addSuppressed(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException stuck) {
                acceptorThread.interrupt();
            }
            throw e;
        }
        TimedChannel in;
        try {
            in = accepting.get();
        } catch (ExecutionException e) {
            out.close();
            throw e.getCause() instanceof CollectiveException c ? c
                    : new CollectiveException("accepting rank " + predecessor + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acceptorThread.interrupt();
            out.close();
            throw new CollectiveException("interrupted while joining the ring", e);
        }
        try {
            return RingCollectives.linked(rank, size, options, in, out);
        } catch (RuntimeException | Error e) {
            in.close();
            out.close();
            throw e;
        }
    }

    /** Stops listening; a ring already joined is not affected. */
    @Override
    public void close() {
        TimedChannel.closeQuietly(server);
    }
}
