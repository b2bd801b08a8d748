package dev.gantry.localcluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An immutable set of integer ranges, such as an agent's ports, kept merged and sorted. */
final class RangeSet {
    static final RangeSet EMPTY = new RangeSet(List.of());

    private final List<long[]> ranges;

    private RangeSet(List<long[]> merged) {
        this.ranges = merged;
    }

    static RangeSet of(long begin, long end) {
        if (begin > end) {
            throw new IllegalArgumentException("range begins after it ends: [" + begin + "-" + end + "]");
        }
        List<long[]> one = new ArrayList<>();
        one.add(new long[] {begin, end});
        return new RangeSet(Collections.unmodifiableList(one));
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    List<long[]> ranges() {
        List<long[]> copy = new ArrayList<>(ranges.size());
        for (long[] r : ranges) {
            copy.add(r.clone());
        }
        return copy;
    }

    RangeSet plus(RangeSet other) {
        List<long[]> all = new ArrayList<>(ranges());
        all.addAll(other.ranges());
        all.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : all) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(r);
            }
        }
        return new RangeSet(Collections.unmodifiableList(merged));
    }

    boolean contains(RangeSet other) {
        for (long[] r : other.ranges) {
            boolean covered = false;
            for (long[] mine : ranges) {
                if (mine[0] <= r[0] && r[1] <= mine[1]) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    RangeSet minus(RangeSet other) {
        List<long[]> result = ranges();
        for (long[] cut : other.ranges) {
            List<long[]> next = new ArrayList<>();
            for (long[] r : result) {
                if (cut[1] < r[0] || cut[0] > r[1]) {
                    next.add(r);
                    continue;
                }
                if (r[0] < cut[0]) {
                    next.add(new long[] {r[0], cut[0] - 1});
                }
                if (cut[1] < r[1]) {
                    next.add(new long[] {cut[1] + 1, r[1]});
                }
            }
            result = next;
        }
        return new RangeSet(Collections.unmodifiableList(result));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RangeSet)) {
            return false;
        }
        RangeSet other = (RangeSet) o;
        if (other.ranges.size() != ranges.size()) {
            return false;
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i)[0] != other.ranges.get(i)[0] || ranges.get(i)[1] != other.ranges.get(i)[1]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (long[] r : ranges) {
            h = 31 * h + Long.hashCode(r[0]);
            h = 31 * h + Long.hashCode(r[1]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < ranges.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(ranges.get(i)[0]).append('-').append(ranges.get(i)[1]);
        }
        return out.append(']').toString();
    }
}
