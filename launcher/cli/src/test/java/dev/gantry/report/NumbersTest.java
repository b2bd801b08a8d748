package dev.gantry.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void valuesKeepAFewSignificantDigitsAndSayWhenUnknown() {
        assertThat(Numbers.value(0)).isEqualTo("0");
        assertThat(Numbers.value(0.123456)).isEqualTo("0.1235");
        assertThat(Numbers.value(2.302585)).isEqualTo("2.303");
        assertThat(Numbers.value(12345.6)).isEqualTo("12,346");
        assertThat(Numbers.value(1.5e-7)).isEqualTo("1.500e-07");
        assertThat(Numbers.value(Double.NaN)).isEqualTo("n/a");
        assertThat(Numbers.value(Double.NEGATIVE_INFINITY)).isEqualTo("n/a");
        assertThat(Numbers.percent(0.876)).isEqualTo("88%");
        assertThat(Numbers.percent(Double.NaN)).isEqualTo("n/a");
        assertThat(Numbers.percent(Double.MAX_VALUE)).isEqualTo("n/a");
    }

    @Test
    void formatsDoNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Numbers.value(1234.5)).isEqualTo("1,235");
            assertThat(Numbers.value(0.25)).isEqualTo("0.2500");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void timesAndDurations() {
        assertThat(Numbers.instant(Instant.parse("2025-01-02T03:04:05.678Z"))).isEqualTo("2025-01-02 03:04:05 UTC");
        assertThat(Numbers.instant(null)).isEqualTo("unknown");
        assertThat(Numbers.duration(Duration.ofMillis(4250))).isEqualTo("4.3s");
        assertThat(Numbers.duration(Duration.ofSeconds(184))).isEqualTo("3m 04s");
        assertThat(Numbers.duration(Duration.ofSeconds(7384))).isEqualTo("2h 03m 04s");
        assertThat(Numbers.duration(Duration.ofSeconds(-1))).isEqualTo("n/a");
        assertThat(Numbers.duration(null)).isEqualTo("unknown");
    }
}
