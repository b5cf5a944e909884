package de.voicebooking.gateway.domain;

import java.util.Map;

import de.voicebooking.avro.BookingResult;

/**
 * book_appointment (DESIGN §8, one step, legacy): a hold it made is confirmed at once only when
 * the two-step flow would have had nothing to ask before the caller's yes. Pure.
 */
public final class OneStepBooking {
    private OneStepBooking() {
    }

    /**
     * Whether start_booking's {@code held} answer may be confirmed without asking: it is HELD, the
     * caller has no other appointment that day under their own number (a second one made by
     * mistake), and no member asked for is one Cal.com may replace. Otherwise the hold's own
     * answer asks the question and the agent confirms with confirm_booking.
     */
    public static boolean confirmsAtOnce(BookingResult held) {
        return "HELD".equals(held.getStatus()) && held.getOwnAppointments().isEmpty()
                && !(BookingAnswers.HOST_NOT_GUARANTEED.equals(held.getReason()) && held.getStaffName() != null);
    }

    /**
     * The hold's {@code answer} when it was not confirmed at once: a HELD one is marked
     * {@code needs_confirmation: true} with {@code confirm_with: "confirm_booking"}, since its
     * question (other appointments that day, no promise of the member) must be answered through
     * confirm_booking with its {@code booking_id}; a repeat of book_appointment would ask again.
     */
    public static Map<String, Object> asked(Map<String, Object> answer, BookingResult held) {
        if ("HELD".equals(held.getStatus())) {
            answer.put("needs_confirmation", true);
            answer.put("confirm_with", "confirm_booking");
        }
        return answer;
    }
}
