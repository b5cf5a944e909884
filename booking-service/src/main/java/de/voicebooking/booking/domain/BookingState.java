package de.voicebooking.booking.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * States of a booking in the saga (DESIGN §5), with the transitions allowed between them.
 * "Live" states hold the staff member's time (the exclusion constraint covers them).
 */
public enum BookingState {
    HELD, CONFIRMING, CONFIRMED, REJECTED, EXPIRED, CANCEL_PENDING, CANCELLED, RESCHEDULE_PENDING, COMPENSATION_FAILED;

    private static final Map<BookingState, Set<BookingState>> NEXT = Map.of(
            HELD, EnumSet.of(CONFIRMING, REJECTED, EXPIRED, CANCELLED),
            CONFIRMING, EnumSet.of(CONFIRMED, REJECTED),
            CONFIRMED, EnumSet.of(CANCEL_PENDING, RESCHEDULE_PENDING, CANCELLED),
            CANCEL_PENDING, EnumSet.of(CANCELLED, CONFIRMED),
            // moved, or not (CONFIRMED either way), or found cancelled in Cal.com meanwhile
            RESCHEDULE_PENDING, EnumSet.of(CONFIRMED, CANCELLED),
            REJECTED, EnumSet.of(COMPENSATION_FAILED),
            EXPIRED, EnumSet.of(COMPENSATION_FAILED),
            CANCELLED, EnumSet.noneOf(BookingState.class),
            // a compensation that was given up and later went through after all (reconciliation)
            COMPENSATION_FAILED, EnumSet.of(REJECTED, EXPIRED));

    /** Whether the saga may move from this state to {@code next}. */
    public boolean canMoveTo(BookingState next) {
        return NEXT.get(this).contains(next);
    }

    /** True while the booking blocks its staff member's time. */
    public boolean isLive() {
        return this == HELD || this == CONFIRMING || this == CONFIRMED || this == CANCEL_PENDING
                || this == RESCHEDULE_PENDING;
    }

    /** True when the booking is over and no appointment came of it: asking again starts anew. */
    public boolean endedWithoutAppointment() {
        return this == REJECTED || this == EXPIRED || this == CANCELLED || this == COMPENSATION_FAILED;
    }

    /**
     * The state the caller was told, for a booking in this state with {@code reason}: a
     * COMPENSATION_FAILED booking failed (EXPIRED for reason {@code hold_expired}, else REJECTED)
     * while its Cal.com booking is still being removed, which is for an operator, not the
     * caller; every other state is itself.
     */
    public BookingState toldCaller(String reason) {
        return this != COMPENSATION_FAILED ? this : "hold_expired".equals(reason) ? EXPIRED : REJECTED;
    }

    /** True when the saga has an outcome the caller can be told. */
    public boolean isOutcome() {
        return this == CONFIRMED || this == REJECTED || this == EXPIRED || this == CANCELLED || this == COMPENSATION_FAILED;
    }
}
