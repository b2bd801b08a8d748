package dev.gantry.localcluster;

import dev.gantry.protocol.Reservations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Resources by name and reservation role, with Mesos' arithmetic: scalars are fixed-point with
 * three decimals (so that repeated adds and subtracts never drift), ranges are merged sets.
 * Immutable.
 */
final class ResourceVector {
    static final String UNRESERVED = "*";
    static final ResourceVector EMPTY = new ResourceVector(Map.of(), Map.of());

    /**
     * A resource's identity for arithmetic: its name, the role it is reserved for ("*": none) and,
     * for a dynamic reservation, who made it. Resources reserved statically and dynamically for
     * the same role never add up: Mesos keeps them apart, and a task must name which it uses.
     */
    record Key(String name, String role, DynamicReservation dynamic) implements Comparable<Key> {
        Key(String name, String role) {
            this(name, role, null);
        }

        boolean dynamicallyReserved() {
            return dynamic != null;
        }

        /** The same resource unreserved, as an UNRESERVE leaves it. */
        Key unreserved() {
            return new Key(name, UNRESERVED, null);
        }

        @Override
        public int compareTo(Key o) {
            int byName = name.compareTo(o.name);
            if (byName != 0) {
                return byName;
            }
            int byRole = role.compareTo(o.role);
            if (byRole != 0) {
                return byRole;
            }
            if (dynamic == null || o.dynamic == null) {
                return dynamic == null ? (o.dynamic == null ? 0 : -1) : 1;
            }
            return dynamic.compareTo(o.dynamic);
        }
    }

    private final Map<Key, Long> scalars;
    private final Map<Key, RangeSet> ranges;

    private ResourceVector(Map<Key, Long> scalars, Map<Key, RangeSet> ranges) {
        this.scalars = scalars;
        this.ranges = ranges;
    }

    static ResourceVector scalar(String name, String role, double value) {
        return new Builder().add(new Key(name, role), toMillis(value)).build();
    }

    static long toMillis(double value) {
        return Math.round(value * 1000.0);
    }

    static double fromMillis(long millis) {
        return millis / 1000.0;
    }

    /** Reads resources as a task or offer lists them; {@link ResourceValidation} says what is valid. */
    static ResourceVector of(List<Resource> resources) {
        Builder builder = new Builder();
        for (Resource resource : resources) {
            Key key = new Key(resource.getName(), Reservations.roleOf(resource), DynamicReservation.of(resource));
            switch (resource.getType()) {
                case SCALAR:
                    builder.add(key, toMillis(resource.getScalar().getValue()));
                    break;
                case RANGES:
                    RangeSet set = RangeSet.EMPTY;
                    for (Value.Range range : resource.getRanges().getRangeList()) {
                        set = set.plus(RangeSet.of(range.getBegin(), range.getEnd()));
                    }
                    builder.add(key, set);
                    break;
                default:
                    throw new IllegalArgumentException("resource '" + resource.getName() + "' of type "
                            + resource.getType() + " is not supported by the embedded cluster");
            }
        }
        return builder.build();
    }

    boolean isEmpty() {
        return scalars.isEmpty() && ranges.isEmpty();
    }

    /** Total of a scalar over every role, e.g. all {@code gpus} whether reserved or not. */
    double scalar(String name) {
        long total = 0;
        for (Map.Entry<Key, Long> e : scalars.entrySet()) {
            if (e.getKey().name().equals(name)) {
                total += e.getValue();
            }
        }
        return fromMillis(total);
    }

    /** What a framework in {@code role} may be offered: unreserved resources and those reserved for the role. */
    ResourceVector usableBy(String role) {
        return filter(k -> k.role().equals(UNRESERVED) || k.role().equals(role));
    }

    /** Only the resources reserved for {@code role} ("*" for the unreserved ones). */
    ResourceVector reservedFor(String role) {
        return filter(k -> k.role().equals(role));
    }

    /** Roles with reservations here, "*" excluded. */
    List<String> reservationRoles() {
        List<String> roles = new ArrayList<>();
        for (Key k : keys()) {
            if (!k.role().equals(UNRESERVED) && !roles.contains(k.role())) {
                roles.add(k.role());
            }
        }
        return roles;
    }

    ResourceVector plus(ResourceVector other) {
        Builder builder = new Builder(this);
        other.scalars.forEach(builder::add);
        other.ranges.forEach(builder::add);
        return builder.build();
    }

    /** Whether every resource of {@code other} is here, in at least that amount and the same role. */
    boolean contains(ResourceVector other) {
        for (Map.Entry<Key, Long> e : other.scalars.entrySet()) {
            if (scalars.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                return false;
            }
        }
        for (Map.Entry<Key, RangeSet> e : other.ranges.entrySet()) {
            if (!ranges.getOrDefault(e.getKey(), RangeSet.EMPTY).contains(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * This minus {@code other}.
     *
     * @throws IllegalArgumentException when {@code other} is not contained: resources never go negative
     */
    ResourceVector minus(ResourceVector other) {
        if (!contains(other)) {
            throw new IllegalArgumentException(other + " is not contained in " + this);
        }
        Builder builder = new Builder(this);
        other.scalars.forEach((k, v) -> builder.add(k, -v));
        other.ranges.forEach(builder::subtract);
        return builder.build();
    }

    /** Protos in the pre-refinement format ({@code role}), or with {@code reservations} when asked. */
    // Mesos still reads and writes the deprecated role fields for frameworks without
    // RESERVATION_REFINEMENT (and for the legacy single role), so the embedded master must too.
    @SuppressWarnings("deprecation")
    List<Resource> toProtos(String allocationRole, boolean refinedReservations) {
        List<Resource> out = new ArrayList<>();
        for (Key key : keys()) {
            Resource.Builder r = Resource.newBuilder().setName(key.name());
            if (scalars.containsKey(key)) {
                r.setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(fromMillis(scalars.get(key))));
            } else {
                Value.Ranges.Builder rs = Value.Ranges.newBuilder();
                for (long[] range : ranges.get(key).ranges()) {
                    rs.addRange(Value.Range.newBuilder().setBegin(range[0]).setEnd(range[1]));
                }
                r.setType(Value.Type.RANGES).setRanges(rs);
            }
            if (refinedReservations) {
                if (!key.role().equals(UNRESERVED)) {
                    r.addReservations(key.dynamicallyReserved() ? key.dynamic().refined(key.role())
                            : Resource.ReservationInfo.newBuilder()
                                    .setType(Resource.ReservationInfo.Type.STATIC).setRole(key.role()).build());
                }
            } else {
                r.setRole(key.role());
                if (key.dynamicallyReserved()) {
                    r.setReservation(key.dynamic().preRefinement());
                }
            }
            if (allocationRole != null) {
                r.setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(allocationRole));
            }
            out.add(r.build());
        }
        return out;
    }

    /** Whether every resource here is reserved dynamically, which an UNRESERVE requires. */
    boolean allDynamicallyReserved() {
        return keys().stream().allMatch(Key::dynamicallyReserved);
    }

    /** Whether any resource here is reserved for "*", which Mesos refuses to reserve dynamically. */
    boolean anyForUnreservedRole() {
        return keys().stream().anyMatch(k -> k.dynamicallyReserved() && k.role().equals(UNRESERVED));
    }

    /** The keys with a static reservation or none, for messages about what is not dynamically reserved. */
    ResourceVector notDynamicallyReserved() {
        return filter(k -> !k.dynamicallyReserved());
    }

    /** The same amounts with every reservation dropped: what a RESERVE takes and an UNRESERVE gives back. */
    ResourceVector unreserved() {
        Builder builder = new Builder();
        scalars.forEach((k, v) -> builder.add(k.unreserved(), v));
        ranges.forEach((k, v) -> builder.add(k.unreserved(), v));
        return builder.build();
    }

    /** Dynamic reservations by who made them. */
    Set<DynamicReservation> dynamicReservations() {
        Set<DynamicReservation> out = new TreeSet<>();
        for (Key k : keys()) {
            if (k.dynamicallyReserved()) {
                out.add(k.dynamic());
            }
        }
        return out;
    }

    /** The resources whose key {@code keep} accepts. */
    private ResourceVector filter(Predicate<Key> keep) {
        Builder builder = new Builder();
        scalars.forEach((k, v) -> {
            if (keep.test(k)) {
                builder.add(k, v);
            }
        });
        ranges.forEach((k, v) -> {
            if (keep.test(k)) {
                builder.add(k, v);
            }
        });
        return builder.build();
    }

    /**
     * As Mesos writes resources in its messages, e.g.
     * {@code cpus(allocated: ml)(reservations: [(DYNAMIC,ml,alice,{k: v})]):0.5; mem:32}, so that
     * frameworks matching on a real master's text match here too.
     *
     * @param allocationRole the offer's role, or null outside an offer
     */
    String mesosText(String allocationRole) {
        StringBuilder out = new StringBuilder();
        for (Key key : keys()) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(key.name());
            if (allocationRole != null) {
                out.append("(allocated: ").append(allocationRole).append(')');
            }
            if (!key.role().equals(UNRESERVED)) {
                out.append("(reservations: [(");
                out.append(key.dynamicallyReserved() ? key.dynamic().mesosText(key.role()) : "STATIC," + key.role());
                out.append(")])");
            }
            out.append(':');
            appendAmount(out, key);
        }
        return out.toString();
    }

    private void appendAmount(StringBuilder out, Key key) {
        if (scalars.containsKey(key)) {
            double v = fromMillis(scalars.get(key));
            out.append(v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
        } else {
            out.append(ranges.get(key));
        }
    }

    /** Name to amount over all roles: a number for scalars, a text like "[31000-32000]" for ranges. */
    Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Long> totals = new TreeMap<>();
        scalars.forEach((k, v) -> totals.merge(k.name(), v, Long::sum));
        totals.forEach((name, millis) -> out.put(name, fromMillis(millis)));
        Map<String, RangeSet> rangeTotals = new TreeMap<>();
        ranges.forEach((k, v) -> rangeTotals.merge(k.name(), v, RangeSet::plus));
        rangeTotals.forEach((name, set) -> out.put(name, set.toString()));
        return out;
    }

    private List<Key> keys() {
        List<Key> keys = new ArrayList<>(scalars.keySet());
        keys.addAll(ranges.keySet());
        Collections.sort(keys);
        return keys;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceVector && ((ResourceVector) o).scalars.equals(scalars)
                && ((ResourceVector) o).ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scalars, ranges);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Key key : keys()) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(key.name());
            if (!key.role().equals(UNRESERVED)) {
                out.append('(').append(key.role());
                if (key.dynamicallyReserved()) {
                    out.append(',').append(key.dynamic().mesosText(key.role()));
                }
                out.append(')');
            }
            out.append(':');
            appendAmount(out, key);
        }
        return out.length() == 0 ? "{}" : out.toString();
    }

    /** Accumulates resources; zero scalars and empty ranges are dropped, as Mesos drops them. */
    static final class Builder {
        private final Map<Key, Long> scalars = new TreeMap<>();
        private final Map<Key, RangeSet> ranges = new TreeMap<>();

        Builder() {}

        Builder(ResourceVector start) {
            scalars.putAll(start.scalars);
            ranges.putAll(start.ranges);
        }

        Builder add(Key key, long millis) {
            scalars.merge(key, millis, Long::sum);
            return this;
        }

        Builder add(Key key, RangeSet set) {
            ranges.merge(key, set, RangeSet::plus);
            return this;
        }

        Builder subtract(Key key, RangeSet set) {
            ranges.computeIfPresent(key, (k, v) -> v.minus(set));
            return this;
        }

        ResourceVector build() {
            Map<Key, Long> s = new TreeMap<>();
            scalars.forEach((k, v) -> {
                if (v != 0) {
                    s.put(k, v);
                }
            });
            Map<Key, RangeSet> r = new TreeMap<>();
            ranges.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    r.put(k, v);
                }
            });
            return new ResourceVector(Collections.unmodifiableMap(s), Collections.unmodifiableMap(r));
        }
    }
}
