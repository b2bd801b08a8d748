package dev.gantry.training.collective;

/**
 * A handshake that reached a live peer and ended in a refusal, one side's or the other's (a secret
 * that does not match, another job, a wrong rank): the ring is misconfigured, not unreachable.
 */
public final class HandshakeRefused extends CollectiveException {
    private static final long serialVersionUID = 1L;

    HandshakeRefused(String message) {
        super(message);
    }
}
