package dev.gantry.gpu.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One measured rate on one device, against that device's own peak.
 *
 * @param id stable key for scripts: {@code d2d}, {@code h2d}, {@code d2h}, {@code fp32}
 * @param unit what the rates count per second: {@code bytes} or {@code flop}
 * @param best the fastest batch, per second (the figure reported, as STREAM and bandwidthTest do)
 * @param median the median batch, per second: far below best means the run was disturbed
 * @param samples how many timed batches
 * @param counted what one operation counts, so figures compare with other tools'
 * @param peak the device's theoretical rate, per second; null when it cannot be known
 * @param peakBasis how {@code peak} was computed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Measurement(String id, String name, String unit, double best, double median, int samples, String counted,
                   Double peak, String peakBasis) {

    static Measurement of(String id, String name, String unit, Samples samples, double perOperation, String counted,
                          PeakRates.Peak peak) {
        return new Measurement(id, name, unit, perOperation / samples.bestSeconds(),
                perOperation / samples.medianSeconds(), samples.count(), counted,
                peak == null ? null : peak.perSecond(), peak == null ? null : peak.basis());
    }

    /** Best over peak; null without a peak. */
    @JsonProperty
    public Double ofPeak() {
        return peak == null || peak <= 0 ? null : best / peak;
    }
}
