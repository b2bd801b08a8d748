package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ResourceVectorProperties {

    @Provide
    Arbitrary<ResourceVector> vectors() {
        Arbitrary<String> names = Arbitraries.of("cpus", "mem", "gpus", "disk");
        Arbitrary<String> roles = Arbitraries.of("*", "ml", "web");
        Arbitrary<Double> amounts = Arbitraries.integers().between(0, 64_000).map(m -> m / 1000.0);
        Arbitrary<ResourceVector> one = Combinators.combine(names, roles, amounts).as(ResourceVector::scalar);
        return one.list().ofMaxSize(6).map(parts -> parts.stream().reduce(ResourceVector.EMPTY, ResourceVector::plus));
    }

    @Property
    void addingThenSubtractingGivesBackTheStart(@ForAll("vectors") ResourceVector a, @ForAll("vectors") ResourceVector b) {
        assertThat(a.plus(b).minus(b)).isEqualTo(a);
        assertThat(a.plus(b)).isEqualTo(b.plus(a));
    }

    @Property
    void aSumContainsItsParts(@ForAll("vectors") ResourceVector a, @ForAll("vectors") ResourceVector b) {
        assertThat(a.plus(b).contains(a)).isTrue();
        assertThat(a.plus(b).contains(b)).isTrue();
        assertThat(a.contains(a)).isTrue();
        assertThat(a.contains(ResourceVector.EMPTY)).isTrue();
    }

    @Property
    void resourcesNeverGoNegative(@ForAll("vectors") ResourceVector a, @ForAll("vectors") ResourceVector b) {
        if (a.contains(b)) {
            ResourceVector rest = a.minus(b);
            assertThat(rest.plus(b)).isEqualTo(a);
        } else {
            assertThatThrownBy(() -> a.minus(b)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property
    void aRoleSeesUnreservedAndItsOwnReservationsOnly(@ForAll("vectors") ResourceVector a) {
        ResourceVector ml = a.usableBy("ml");
        assertThat(a.contains(ml)).isTrue();
        assertThat(ml).isEqualTo(a.reservedFor("*").plus(a.reservedFor("ml")));
        assertThat(ml.reservedFor("web").isEmpty()).isTrue();
    }

    @Property
    void protosRoundTrip(@ForAll("vectors") ResourceVector a) {
        assertThat(ResourceVector.of(a.toProtos("ml", false))).isEqualTo(a);
        assertThat(ResourceVector.of(a.toProtos(null, true))).isEqualTo(a);
    }

    @Provide
    Arbitrary<List<int[]>> ranges() {
        Arbitrary<int[]> range = Combinators.combine(Arbitraries.integers().between(0, 60),
                Arbitraries.integers().between(0, 10)).as((begin, length) -> new int[] {begin, begin + length});
        return range.list().ofMaxSize(5);
    }

    @Property
    void rangeSetsBehaveAsSetsOfPorts(@ForAll("ranges") List<int[]> first, @ForAll("ranges") List<int[]> second) {
        RangeSet a = rangeSet(first);
        RangeSet b = rangeSet(second);
        Set<Integer> sa = points(first);
        Set<Integer> sb = points(second);
        Set<Integer> union = new TreeSet<>(sa);
        union.addAll(sb);
        Set<Integer> difference = new TreeSet<>(sa);
        difference.removeAll(sb);
        assertThat(points(a.plus(b))).isEqualTo(union);
        assertThat(points(a.minus(b))).isEqualTo(difference);
        assertThat(a.contains(b)).isEqualTo(sa.containsAll(sb));
    }

    private static RangeSet rangeSet(List<int[]> ranges) {
        RangeSet set = RangeSet.EMPTY;
        for (int[] r : ranges) {
            set = set.plus(RangeSet.of(r[0], r[1]));
        }
        return set;
    }

    private static Set<Integer> points(List<int[]> ranges) {
        Set<Integer> points = new TreeSet<>();
        for (int[] r : ranges) {
            for (int p = r[0]; p <= r[1]; p++) {
                points.add(p);
            }
        }
        return points;
    }

    private static Set<Integer> points(RangeSet set) {
        Set<Integer> points = new TreeSet<>();
        for (long[] r : set.ranges()) {
            for (long p = r[0]; p <= r[1]; p++) {
                points.add((int) p);
            }
        }
        return points;
    }
}
