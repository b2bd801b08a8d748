package dev.gantry.localcluster;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.mesos.v1.scheduler.Protos.AttributeConstraint;
import org.apache.mesos.v1.scheduler.Protos.OfferConstraints.RoleConstraints;

/**
 * A framework's offer constraints from SUBSCRIBE or UPDATE_FRAMEWORK: per role, an agent is
 * offered only if it satisfies at least one group, and a group only if every constraint in it holds.
 */
final class OfferConstraints {
    static final OfferConstraints NONE = new OfferConstraints(Map.of());

    private final Map<String, RoleConstraints> byRole;

    private OfferConstraints(Map<String, RoleConstraints> byRole) {
        this.byRole = byRole;
    }

    /**
     * @throws IllegalArgumentException for a regular expression that does not compile
     */
    static OfferConstraints of(org.apache.mesos.v1.scheduler.Protos.OfferConstraints proto) {
        for (RoleConstraints role : proto.getRoleConstraintsMap().values()) {
            for (RoleConstraints.Group group : role.getGroupsList()) {
                for (AttributeConstraint c : group.getAttributeConstraintsList()) {
                    String regex = regexOf(c.getPredicate());
                    if (regex != null) {
                        try {
                            Pattern.compile(regex);
                        } catch (PatternSyntaxException e) {
                            throw new IllegalArgumentException("offer constraint regex '" + regex + "' does not compile");
                        }
                    }
                }
            }
        }
        return new OfferConstraints(Map.copyOf(proto.getRoleConstraintsMap()));
    }

    boolean admits(String role, Agent agent) {
        RoleConstraints constraints = byRole.get(role);
        if (constraints == null || constraints.getGroupsCount() == 0) {
            return true;
        }
        for (RoleConstraints.Group group : constraints.getGroupsList()) {
            if (allHold(group.getAttributeConstraintsList(), agent)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allHold(List<AttributeConstraint> constraints, Agent agent) {
        for (AttributeConstraint c : constraints) {
            if (!holds(c, agent)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(AttributeConstraint c, Agent agent) {
        String value = c.getSelector().hasPseudoattributeType()
                ? pseudoAttribute(c.getSelector().getPseudoattributeType(), agent)
                : agent.attribute(c.getSelector().getAttributeName());
        AttributeConstraint.Predicate p = c.getPredicate();
        switch (p.getPredicateCase()) {
            case EXISTS:
                return value != null;
            case NOT_EXISTS:
                return value == null;
            case TEXT_EQUALS:
                return value != null && value.equals(p.getTextEquals().getValue());
            case TEXT_NOT_EQUALS:
                return value == null || !value.equals(p.getTextNotEquals().getValue());
            case TEXT_MATCHES:
                return value != null && Pattern.matches(p.getTextMatches().getRegex(), value);
            case TEXT_NOT_MATCHES:
                return value == null || !Pattern.matches(p.getTextNotMatches().getRegex(), value);
            default:
                return true;
        }
    }

    private static String pseudoAttribute(AttributeConstraint.Selector.PseudoattributeType type, Agent agent) {
        // Embedded agents have no fault domain, so REGION and ZONE are absent as on such a Mesos agent.
        return type == AttributeConstraint.Selector.PseudoattributeType.HOSTNAME ? agent.hostname : null;
    }

    private static String regexOf(AttributeConstraint.Predicate p) {
        if (p.hasTextMatches()) {
            return p.getTextMatches().getRegex();
        }
        return p.hasTextNotMatches() ? p.getTextNotMatches().getRegex() : null;
    }
}
