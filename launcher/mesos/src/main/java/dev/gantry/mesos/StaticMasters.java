package dev.gantry.mesos;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Masters the user listed: the last known leader first, then the list in its order. */
final class StaticMasters implements MasterDetector {
    private final List<URI> endpoints;

    StaticMasters(List<URI> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no Mesos master given");
        }
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    public List<URI> candidates(URI lastLeader) {
        List<URI> candidates = new ArrayList<>();
        if (lastLeader != null) {
            candidates.add(lastLeader);
        }
        for (URI endpoint : endpoints) {
            if (!candidates.contains(endpoint)) {
                candidates.add(endpoint);
            }
        }
        return candidates;
    }

    /** The first master, which the client addresses until a leader is known. */
    URI first() {
        return endpoints.get(0);
    }

    @Override
    public String describe() {
        return endpoints.stream().map(e -> MasterAddresses.baseOf(e).toString()).collect(Collectors.joining(","));
    }

    @Override
    public void close() {}
}
