package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {
    @Test
    void widensToRoundTicks() {
        Scale scale = Scale.of(0.03, 0.97, 0, 100);

        assertThat(labels(scale)).containsExactly("0", "0.2", "0.4", "0.6", "0.8", "1");
        assertThat(scale.map(0)).isEqualTo(0);
        assertThat(scale.map(1)).isCloseTo(100, within(1e-9));
        assertThat(scale.map(0.5)).isCloseTo(50, within(1e-9));
    }

    @Test
    void bigStepCountsGetSuffixes() {
        assertThat(labels(Scale.of(1, 5000, 0, 1))).containsExactly("0", "1000", "2000", "3000", "4000", "5000");
        assertThat(labels(Scale.of(0, 240_000, 0, 1))).containsExactly("0", "50k", "100k", "150k", "200k", "250k");
        assertThat(labels(Scale.of(3e9, 7.5e9, 0, 1))).containsExactly("3G", "4G", "5G", "6G", "7G", "8G");
        assertThat(labels(Scale.of(1_000_000, 1_000_400, 0, 1))).contains("1000000", "1000100", "1000400");
        assertThat(labels(Scale.of(1_000_000, 3_500_000, 0, 1))).contains("1M", "1.5M", "3.5M");
        assertThat(labels(Scale.of(12_340, 12_345, 0, 1))).contains("12340", "12345");
    }

    @Test
    void smallSpacingsKeepTheirDecimalsWithoutFloatingPointNoise() {
        assertThat(labels(Scale.of(0.1, 0.3, 0, 1))).containsExactly("0.1", "0.15", "0.2", "0.25", "0.3");
        assertThat(labels(Scale.of(2e-6, 9e-6, 0, 1))).contains("2.00e-06", "1.00e-05");
    }

    @Test
    void aSingleValueGetsABandAroundIt() {
        Scale zero = Scale.of(0, 0, 0, 100);
        Scale constant = Scale.of(0.25, 0.25, 100, 0);

        assertThat(zero.min()).isNegative();
        assertThat(zero.max()).isPositive();
        assertThat(constant.min()).isLessThan(0.25);
        assertThat(constant.max()).isGreaterThan(0.25);
        assertThat(constant.map(0.25)).isStrictlyBetween(0.0, 100.0);
        assertThat(labels(constant)).hasSizeGreaterThan(2).doesNotHaveDuplicates();
    }

    @Test
    void theWholeRangeOfDoublesDoesNotOverflow() {
        Scale scale = Scale.of(-Double.MAX_VALUE, Double.MAX_VALUE, 0, 100);

        assertThat(scale.map(-Double.MAX_VALUE)).isEqualTo(0);
        assertThat(scale.map(Double.MAX_VALUE)).isCloseTo(100, within(1e-9));
        assertThat(scale.ticks()).allMatch(Double::isFinite).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Scale.of(Double.MAX_VALUE, Double.MAX_VALUE, 0, 100).map(Double.MAX_VALUE)).isBetween(0.0, 100.0);
    }

    @Test
    void refusesBoundsItCannotDraw() {
        assertThatThrownBy(() -> Scale.of(Double.NaN, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scale.of(2, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Scale.bounds(Double.NaN, Double.POSITIVE_INFINITY)).isNull();
        assertThat(Scale.bounds(3, Double.NaN, -2)).containsExactly(-2, 3);
    }

    private static List<String> labels(Scale scale) {
        return scale.ticks().stream().map(scale::label).toList();
    }
}
