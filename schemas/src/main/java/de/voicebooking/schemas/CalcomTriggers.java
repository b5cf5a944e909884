package de.voicebooking.schemas;

/** How our services read Cal.com's booking webhook triggers (calcom-api-v2.md §7.2, §7.4). Pure. */
public final class CalcomTriggers {
    private CalcomTriggers() {
    }

    /**
     * Whether a webhook (or a fact forwarded from one) reports a booking moved to a new uid:
     * BOOKING_RESCHEDULED, or BOOKING_REQUESTED with a {@code rescheduleUid}. Cal.com core sends
     * BOOKING_REQUESTED with status PENDING, instead of BOOKING_RESCHEDULED, for any booking that
     * is not confirmed by default, so a move the business must confirm arrives that way, carrying
     * the old uid as {@code rescheduleUid} (read in Cal.com's RegularBookingService/handleNewBooking:
     * the branch for bookings that require confirmation; not in calcom-api-v2.md, whose §4.6 and
     * §7.2 describe the confirmed case).
     */
    public static boolean isMove(String trigger, String rescheduleUid) {
        return "BOOKING_RESCHEDULED".equals(trigger) || "BOOKING_REQUESTED".equals(trigger) && rescheduleUid != null;
    }
}
