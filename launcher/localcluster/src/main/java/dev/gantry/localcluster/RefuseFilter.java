package dev.gantry.localcluster;

/**
 * A framework's refusal of an agent's resources in one role until a deadline. As in Mesos, it
 * holds back only offers that are within what was refused: once more frees up, the agent is
 * offered again.
 */
record RefuseFilter(String role, Agent agent, ResourceVector refused, long expiresAtNanos) {
    boolean holdsBack(String offerRole, Agent offerAgent, ResourceVector available, long nowNanos) {
        return nowNanos - expiresAtNanos < 0 && role.equals(offerRole) && agent == offerAgent
                && refused.contains(available);
    }

    boolean expired(long nowNanos) {
        return nowNanos - expiresAtNanos >= 0;
    }
}
