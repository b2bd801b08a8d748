package dev.gantry.service.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job's progress in brief, as its progress file has it so far: what a job page shows at the top.
 * Each value is the latest the driver told; null where it told none yet (no validation data, no
 * step yet).
 *
 * @param step               the latest step taken
 * @param totalSteps         the run's steps in all, once a step told it
 * @param epoch              the epoch of the latest step, from 1
 * @param epochs             the run's epochs
 * @param loss               the latest step's loss
 * @param validationAccuracy the latest epoch's validation accuracy
 * @param samplesPerSecond   examples per second over all workers, lately
 * @param etaSeconds         the driver's estimate of the time left, while it trains
 * @param outcome            {@code finished}, {@code failed} or {@code stopped} once the latest run ended
 */
public record ProgressSummary(Long step, Long totalSteps, Integer epoch, Integer epochs, Double loss,
                              Double validationAccuracy, Double samplesPerSecond, Double etaSeconds, String outcome) {
    public static final ProgressSummary NONE = new ProgressSummary(null, null, null, null, null, null, null, null, null);

    /** This summary with one more event of the file told. */
    public ProgressSummary with(JsonNode event) {
        return switch (event.path("type").asText()) {
            // A new run (a resumed attempt): what the last one estimated and how it ended no longer hold.
            case "start" -> new ProgressSummary(step, whole(event, "total_steps", null), null,
                    event.path("epochs").canConvertToInt() ? Integer.valueOf(event.path("epochs").asInt()) : epochs, loss,
                    validationAccuracy, null, null, null);
            case "steps" -> stepsOf(event);
            case "step" -> new ProgressSummary(whole(event, "step", step), whole(event, "total_steps", totalSteps),
                    event.path("epoch").canConvertToInt() ? Integer.valueOf(event.path("epoch").asInt()) : epoch, epochs,
                    number(event, "loss", loss), validationAccuracy, number(event, "samples_per_second", samplesPerSecond),
                    number(event, "eta_seconds", null), outcome);
            case "epoch" -> new ProgressSummary(step, totalSteps, epoch, epochs, loss,
                    number(event, "validation_accuracy", validationAccuracy), samplesPerSecond, etaSeconds, outcome);
            case "end" -> new ProgressSummary(whole(event, "steps", step), totalSteps, epoch, epochs, loss,
                    validationAccuracy, samplesPerSecond, null, event.path("outcome").asText(null));
            default -> this;
        };
    }

    private ProgressSummary stepsOf(JsonNode event) {
        JsonNode losses = event.path("loss");
        if (!losses.isArray() || losses.isEmpty() || !event.path("first_step").canConvertToLong()) {
            return this;
        }
        long last = event.path("first_step").asLong() + losses.size() - 1;
        JsonNode lastLoss = losses.get(losses.size() - 1);
        return new ProgressSummary(last, totalSteps, epoch, epochs, lastLoss.isNumber() ? Double.valueOf(lastLoss.asDouble()) : loss,
                validationAccuracy, number(event, "samples_per_second", samplesPerSecond), etaSeconds, outcome);
    }

    private static Long whole(JsonNode event, String field, Long otherwise) {
        JsonNode value = event.path(field);
        return value.isIntegralNumber() && value.canConvertToLong() ? Long.valueOf(value.asLong()) : otherwise;
    }

    private static Double number(JsonNode event, String field, Double otherwise) {
        JsonNode value = event.path(field);
        return value.isNumber() ? Double.valueOf(value.asDouble()) : otherwise;
    }
}
