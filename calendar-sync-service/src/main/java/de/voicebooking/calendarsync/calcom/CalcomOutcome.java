package de.voicebooking.calendarsync.calcom;

/**
 * How a Cal.com call ended, as far as the saga is concerned.
 *
 * <ul>
 * <li>{@code OK}: done (2xx); {@code value} holds the uid where one applies, {@code host}
 * the username of the booking's host where Cal.com named one ({@code data.hosts[0].username},
 * calcom-api-v2.md §4.1: for a round-robin event type Cal.com chooses the host), and for a
 * booking made or found {@code detail} its status (lower case, §4.1: {@code accepted}, or
 * {@code pending} when its event type requires confirmation);</li>
 * <li>{@code SLOT_TAKEN}: 400 "User either already has booking at this time or is not
 * available" or the 409 {@code booking_conflict_error} race (calcom-api-v2.md §4.1);</li>
 * <li>{@code REJECTED}: any other 4xx: final, retrying will not help;</li>
 * <li>{@code UNAUTHORIZED}: 401 or 403: Cal.com refused our API key (calcom-api-v2.md §2), so
 * nothing was done; not the booking's fault, an operator's to fix (logged as an error);</li>
 * <li>{@code NOT_FOUND}: 404;</li>
 * <li>{@code GONE}: the booking exists but is already {@code cancelled} or {@code rejected}
 * (§4.3); {@code value} holds its uid. Nothing is left to cancel;</li>
 * <li>{@code RATE_LIMITED}: 429 from Cal.com's throttler guard, which runs before the handler
 * (§6.2), or the open circuit turned the call away before it was sent: the call did not take
 * effect. Not worth retrying at once;</li>
 * <li>{@code UNCERTAIN}: timeout, 5xx, connection failure or an unreadable answer:
 * the call may or may not have taken effect (Cal.com has no idempotency key, §4.2).</li>
 * </ul>
 */
public record CalcomOutcome(Kind kind, String value, String host, String detail) {
    public enum Kind { OK, SLOT_TAKEN, REJECTED, NOT_FOUND, GONE, RATE_LIMITED, UNAUTHORIZED, UNCERTAIN }

    public static CalcomOutcome ok(String value) {
        return new CalcomOutcome(Kind.OK, value, null, null);
    }

    /** A booking made or found: its uid, its host's username (null if Cal.com named none) and its status (lower case). */
    public static CalcomOutcome booked(String uid, String host, String status) {
        return new CalcomOutcome(Kind.OK, uid, host, status);
    }

    /**
     * A booking made or found that Cal.com holds as {@code pending}: its event type requires
     * confirmation, and the business still has to confirm or decline it (calcom-api-v2.md §4.1, §4.7).
     */
    public boolean awaitingConfirmation() {
        return kind == Kind.OK && "pending".equals(detail);
    }

    /** A booking that is already cancelled or rejected in Cal.com, under {@code uid}. */
    public static CalcomOutcome gone(String uid, String status) {
        return new CalcomOutcome(Kind.GONE, uid, null, status);
    }

    public static CalcomOutcome of(Kind kind, String detail) {
        return new CalcomOutcome(kind, null, null, detail);
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    /** For a cancel: nothing of the booking stands in Cal.com any more (cancelled now, already GONE, or NOT_FOUND). */
    public boolean nothingStands() {
        return kind == Kind.OK || kind == Kind.NOT_FOUND || kind == Kind.GONE;
    }
}
