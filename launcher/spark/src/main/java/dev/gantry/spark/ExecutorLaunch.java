package dev.gantry.spark;

import dev.gantry.offers.OfferPool;
import dev.gantry.placement.ExecutorAllocation;
import org.apache.mesos.v1.Protos.AgentID;

/**
 * One executor to start: its Spark executor id (also its Mesos task id), where, and with
 * exactly which resources, in the role of the offers it uses. {@code offered} is what is left of
 * those offers; the executors of one ACCEPT share it, each taking its own resources from it.
 */
record ExecutorLaunch(String executorId, AgentID agentId, String hostname, String role, ExecutorAllocation allocation,
                      OfferPool offered) {
}
