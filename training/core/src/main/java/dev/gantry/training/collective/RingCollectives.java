package dev.gantry.training.collective;

import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * {@link Collectives} over a ring of TCP connections: each worker sends to rank + 1 and receives
 * from rank - 1, a sender thread writing while the calling thread reads, so both directions of
 * every link are busy at once. Built by {@link RingListener#connect}.
 *
 * <p>allReduce is reduce-scatter plus all-gather, chunked and pipelined ({@link RingAllReduce});
 * broadcast and allGather pass chunks along the same ring. Each link carries 2(n-1)/n of an
 * all-reduced buffer, whatever the number of workers.
 *
 * <p>The first failure (a neighbour that closed, reset or stayed silent past
 * {@link RingOptions#operationTimeout()}, a malformed frame, {@link #close()} from another thread)
 * breaks the ring for good: the verb throws {@link CollectiveException}, this worker closes its
 * connections so that its neighbours fail at once rather than at their timeout, and every later
 * verb throws too. A training stage then fails and is retried as a whole, with a new ring.
 *
 * <p>Verbs are called by one thread at a time; {@link #close()} may come from any thread.
 */
public final class RingCollectives implements Collectives {
    private final int rank;
    private final int size;
    private final int maxMessageBytes;
    private final RingLinks links;
    private final TimedChannel predecessor;
    private final TimedChannel successor;
    private final RingSender sender;
    private final Object closing = new Object();
    private int seq;
    private volatile CollectiveException broken;
    private boolean closed;

    private RingCollectives(int rank, int size, RingOptions options, TimedChannel predecessor, TimedChannel successor) {
        this.rank = rank;
        this.size = size;
        this.maxMessageBytes = options.maxMessageBytes();
        this.predecessor = predecessor;
        this.successor = successor;
        long idleNanos = options.operationTimeout().toNanos();
        if (predecessor == null) {
            this.sender = null;
            this.links = new RingLinks(rank, size, options.chunkBytes(), maxMessageBytes, null, null);
        } else {
            // a failed write must also stop the reader, which may be waiting on a healthy predecessor
            this.sender = new RingSender(successor, options.chunkBytes(), idleNanos, "gantry-ring-send-" + rank,
                    predecessor::abort);
            this.links = new RingLinks(rank, size, options.chunkBytes(), maxMessageBytes, sender,
                    new RingReceiver(predecessor, options.chunkBytes(), idleNanos));
        }
    }

    /** A ring of one: every verb is local. */
    static RingCollectives alone(RingOptions options) {
        return new RingCollectives(0, 1, options, null, null);
    }

    /** Takes over the two authenticated links of a worker. */
    static RingCollectives linked(int rank, int size, RingOptions options, TimedChannel predecessor,
            TimedChannel successor) {
        return new RingCollectives(rank, size, options, predecessor, successor);
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void allReduce(float[] data) {
        Objects.requireNonNull(data, "data");
        perform(Verb.ALL_REDUCE, seq -> {
            RingAllReduce.run(links, seq, data);
            return null;
        });
    }

    @Override
    public void broadcast(float[] data, int root) {
        Objects.requireNonNull(data, "data");
        if (root < 0 || root >= size) {
            throw new IllegalArgumentException("root " + root + " out of range for " + size + " workers");
        }
        perform(Verb.BROADCAST, seq -> {
            RingBroadcast.run(links, seq, data, root);
            return null;
        });
    }

    @Override
    public List<byte[]> allGather(byte[] data) {
        Objects.requireNonNull(data, "data");
        return perform(Verb.ALL_GATHER, seq -> {
            if (data.length > maxMessageBytes) {
                // the peers would refuse it; failing here says why, and breaking the ring tells them at once
                throw new CollectiveException("allGather block of " + data.length + " bytes exceeds the limit of "
                        + maxMessageBytes + " bytes (RingOptions.maxMessageBytes)");
            }
            return RingAllGather.run(links, seq, data);
        });
    }

    /** Releases the connections and the sender thread; a verb running on another thread fails. */
    @Override
    public void close() {
        synchronized (closing) {
            if (closed) {
                return;
            }
            closed = true;
        }
        release(new CollectiveException("the ring was closed on rank " + rank));
    }

    private <T> T perform(Verb verb, IntFunction<T> operation) {
        int current = ++seq;
        CollectiveException earlier = broken;
        if (earlier != null) {
            throw new CollectiveException(verb.display() + " on rank " + rank + ": the ring is broken by an "
                    + "earlier failure: " + earlier.getMessage(), earlier);
        }
        try {
            return operation.apply(current);
        } catch (CollectiveException e) {
            throw fail(verb, current, e);
        } catch (RuntimeException e) {
            throw fail(verb, current, new CollectiveException(e.toString(), e));
        }
    }

    private CollectiveException fail(Verb verb, int seq, CollectiveException cause) {
        CollectiveException e = new CollectiveException(verb.display() + " #" + seq + " on rank " + rank + " of "
                + size + " failed: " + cause.getMessage(), cause);
        synchronized (closing) {
            if (broken == null) {
                broken = e;
            }
        }
        release(e);
        return e;
    }

    /** Idempotent; closing the sockets is what tells the neighbours. */
    private void release(CollectiveException reason) {
        synchronized (closing) {
            if (broken == null) {
                broken = reason;
            }
        }
        if (predecessor == null) {
            return;
        }
        predecessor.abort(reason);
        successor.abort(reason);
        sender.close();
        predecessor.close();
        successor.close();
    }
}
