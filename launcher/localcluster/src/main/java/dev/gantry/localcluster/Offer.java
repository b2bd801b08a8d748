package dev.gantry.localcluster;

import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.OfferID;

/** An outstanding offer: one agent's resources, held for one framework in one role. */
final class Offer {
    final OfferID id;
    final Framework framework;
    final Agent agent;
    final String role;
    final ResourceVector resources;
    ScheduledFuture<?> expiry;

    Offer(OfferID id, Framework framework, Agent agent, String role, ResourceVector resources) {
        this.id = id;
        this.framework = framework;
        this.agent = agent;
        this.role = role;
        this.resources = resources;
    }
}
