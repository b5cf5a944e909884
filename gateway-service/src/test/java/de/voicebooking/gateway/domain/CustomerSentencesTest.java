package de.voicebooking.gateway.domain;

import static de.voicebooking.gateway.domain.SpokenAnswersTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.CustomerResult;
import de.voicebooking.avro.OwnAppointment;

/** check_customer's sentences, and when book_appointment confirms a hold without asking. */
class CustomerSentencesTest {
    @Test
    void aKnownCallerIsToldTheNameTheyAreKnownByAndAnUnknownOneThatTheBookingTakesTheDetails() {
        assertThat(message(CustomerSentences.answer(new CustomerResult(true, "c-1", " Anna Müller "))))
                .isEqualTo("Sie sind bei uns unter Ihrer Nummer als Anna Müller eingetragen.");
        assertThat(CustomerSentences.answer(new CustomerResult(true, "c-1", "Anna Müller"))).containsEntry("customer_name", "Anna Müller");
        assertThat(CustomerSentences.answer(new CustomerResult(false, null, null))).containsEntry("customer_known", false)
                .containsEntry("success", true);
        Map<String, Object> nameless = CustomerSentences.answer(new CustomerResult(true, "c-2", null));
        assertThat(message(nameless)).as("known without a name: known, said without one").isEqualTo("Unter Ihrer Nummer sind Sie bei uns bereits eingetragen.");
        assertThat(nameless).containsEntry("customer_known", true).containsEntry("customer_name", null);
        assertThat(CustomerSentences.withheld()).containsEntry("error_code", "missing_phone").containsEntry("customer_known", false);
    }

    @Test
    void aKnownCallerIsGreetedByFullNameOrFormOfAddressNeverBySurnameAlone() {
        assertThat(CustomerSentences.greetedAs(" Anna  Müller ")).isEqualTo("Anna Müller");
        assertThat(CustomerSentences.greetedAs("Frau Müller")).isEqualTo("Frau Müller");
        assertThat(CustomerSentences.greetedAs("Müller")).as("'Schön, dass Sie wieder anrufen, Müller.' sounds curt").isNull();
        assertThat(CustomerSentences.greetedAs(null)).isNull();
    }

    @Test
    void aOneStepBookingConfirmsOnlyAHoldThatLeavesNothingToAskAndMarksTheOneThatAsks() {
        Instant at = Instant.parse("2026-11-23T13:00:00Z");
        assertThat(OneStepBooking.confirmsAtOnce(new BookingResult("b", "HELD", null, at, "Färben", "Sarah", 5, false, List.of(), List.of()))).isTrue();
        assertThat(OneStepBooking.confirmsAtOnce(new BookingResult("b", "REJECTED", "slot_taken", null, "Färben", null, null, false, List.of(),
                List.of()))).isFalse();
        assertThat(OneStepBooking.confirmsAtOnce(new BookingResult("b", "HELD", null, at, "Färben", "Sarah", 5, false, List.of(),
                List.of(new OwnAppointment(at.minusSeconds(7200), "Bart trimmen", null, false, "b-0"))))).as("another appointment that day").isFalse();
        assertThat(OneStepBooking.confirmsAtOnce(new BookingResult("b", "HELD", "host_not_guaranteed", at, "Färben", "Sarah", 5, false,
                List.of(), List.of()))).as("the member asked for may be replaced").isFalse();
        assertThat(OneStepBooking.confirmsAtOnce(new BookingResult("b", "HELD", "host_chosen_by_calendar", at, "Herrenschnitt", "Tom", 5, false,
                List.of(), List.of()))).as("nobody asked for: nothing to promise, nothing to ask").isTrue();
        assertThat(OneStepBooking.confirmsAtOnce(new BookingResult("b", "CONFIRMED", null, at, "Färben", "Sarah", null, false, List.of(),
                List.of()))).as("a retry finds it booked: nothing to confirm").isFalse();
        BookingResult asks = new BookingResult("b", "HELD", "host_not_guaranteed", at, "Färben", "Sarah", 5, false, List.of(), List.of());
        assertThat(OneStepBooking.asked(new java.util.HashMap<>(), asks)).containsEntry("needs_confirmation", true)
                .containsEntry("confirm_with", "confirm_booking");
        assertThat(OneStepBooking.asked(new java.util.HashMap<>(), new BookingResult("b", "REJECTED", "slot_taken", null, "Färben", null, null,
                false, List.of(), List.of()))).as("nothing held, nothing to confirm").doesNotContainKey("needs_confirmation");
    }
}
