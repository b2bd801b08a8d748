package dev.gantry.placement;

/**
 * One part of an offer: resources in one reservation ({@code "*"} when unreserved), revocable or
 * not. An offer lists one part per kind it holds.
 */
public record OfferedResources(String reservationRole, boolean revocable, Amounts amounts) {
    public static final String UNRESERVED = "*";

    public static OfferedResources unreserved(Amounts amounts) {
        return new OfferedResources(UNRESERVED, false, amounts);
    }

    public boolean reserved() {
        return !UNRESERVED.equals(reservationRole);
    }
}
