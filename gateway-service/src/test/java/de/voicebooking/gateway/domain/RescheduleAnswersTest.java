package de.voicebooking.gateway.domain;

import static de.voicebooking.gateway.domain.SpokenAnswersTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.BookingResult;

/** What the agent says to a reschedule_appointment: where the appointment is now, and why when it did not move. */
class RescheduleAnswersTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    static final LocalDate TUESDAY = MONDAY.plusDays(1);
    final SpokenAnswers speech = new SpokenAnswers(BERLIN, TODAY);

    static BookingResult result(String status, String reason, LocalDate day, int hour, int minute, boolean awaiting) {
        return new BookingResult("b-1", status, reason, LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(BERLIN).toInstant(),
                "Herrenschnitt", "Max Becker", 5, awaiting, List.of(), List.of());
    }

    Map<String, Object> toTuesdayAt1430(BookingResult r) {
        return speech.reschedule(r, TUESDAY, LocalTime.of(14, 30));
    }

    @Test
    void aMovedAppointmentIsSaidWhereItIsNowAndOneTheTeamMustConfirmIsNotPromised() {
        Map<String, Object> moved = toTuesdayAt1430(result("CONFIRMED", "rescheduled", TUESDAY, 14, 30, false));
        assertThat(message(moved)).isEqualTo("Erledigt, Ihr Termin für Herrenschnitt ist jetzt am Dienstag, den 24. November, um 14:30 Uhr bei Max.");
        assertThat(moved).containsEntry("success", true).containsEntry("status", "confirmed").containsEntry("date", "2026-11-24")
                .containsEntry("time", "14:30").containsEntry("booking_id", "b-1");
        assertThat(message(toTuesdayAt1430(result("CONFIRMED", "rescheduled", TUESDAY, 14, 30, true)))).isEqualTo(
                "Ich habe Ihren Termin für Herrenschnitt auf Dienstag, den 24. November, um 14:30 Uhr bei Max verschoben. "
                        + "Die neue Zeit muss das Team noch bestätigen, erst dann ist sie fest.");
    }

    @Test
    void anAppointmentThatStaysIsSaidWhyAndWhereItStays() {
        Map<String, Object> taken = toTuesdayAt1430(result("CONFIRMED", "slot_taken", MONDAY, 10, 0, false));
        assertThat(message(taken)).isEqualTo("Am Dienstag, den 24. November, um 14:30 Uhr hat Max leider schon einen Termin. "
                + "Ihr Termin bleibt am Montag, den 23. November, um 10 Uhr. Soll ich eine andere Zeit für Sie suchen?");
        assertThat(taken).containsEntry("success", false).containsEntry("error_code", "slot_taken").containsEntry("time", "10:00");
        assertThat(message(toTuesdayAt1430(result("CONFIRMED", "outside_hours", MONDAY, 10, 0, false)))).isEqualTo(
                "Um 14:30 Uhr passt der Termin leider nicht in unsere Öffnungszeiten. Ihr Termin bleibt am Montag, den 23. November, um 10 Uhr. "
                        + "Welche andere Uhrzeit passt Ihnen?");
        assertThat(message(toTuesdayAt1430(result("CONFIRMED", "closed", MONDAY, 10, 0, false))))
                .startsWith("Am Dienstag, den 24. November, haben wir geschlossen. Ihr Termin bleibt");
        assertThat(message(toTuesdayAt1430(result("CONFIRMED", "reschedule_deadline_passed", MONDAY, 10, 0, false)))).isEqualTo(
                "So kurz vor dem Termin kann ich ihn telefonisch leider nicht mehr verschieben. Ihr Termin bleibt am Montag, den 23. November, um 10 Uhr.");
        assertThat(message(toTuesdayAt1430(result("CONFIRMED", "calendar_unavailable", MONDAY, 10, 0, false)))).isEqualTo(
                "Ich konnte den Termin leider nicht verschieben, er bleibt am Montag, den 23. November, um 10 Uhr. Soll ich es noch einmal versuchen?");
        assertThat(message(toTuesdayAt1430(result("CONFIRMED", "rejected_by_calendar", MONDAY, 10, 0, false))))
                .endsWith("er bleibt am Montag, den 23. November, um 10 Uhr. Soll ich eine andere Zeit für Sie suchen?");
        assertThat(message(toTuesdayAt1430(result("CONFIRMED", "not_reschedulable", MONDAY, 10, 0, false)))).isEqualTo(
                "Diesen Termin kann ich gerade nicht verschieben, er bleibt am Montag, den 23. November, um 10 Uhr. "
                        + "Wenn Sie möchten, notiere ich einen Rückrufwunsch für das Team.");
        Map<String, Object> already = toTuesdayAt1430(result("CONFIRMED", "already_at_that_time", TUESDAY, 14, 30, false));
        assertThat(message(already)).isEqualTo("Ihr Termin ist bereits am Dienstag, den 24. November, um 14:30 Uhr, da muss ich nichts verschieben.");
        assertThat(already).containsEntry("success", true);
    }

    @Test
    void aMoveUnderWayOrAnAppointmentThatCannotMoveIsSaidSo() {
        assertThat(toTuesdayAt1430(result("RESCHEDULE_PENDING", null, MONDAY, 10, 0, false))).containsEntry("error_code", "pending")
                .containsEntry("message", RescheduleAnswers.STILL_MOVING);
        // asked for another time meanwhile: not that this time was tried or failed
        assertThat(toTuesdayAt1430(result("RESCHEDULE_PENDING", "other_move_under_way", MONDAY, 10, 0, false)))
                .containsEntry("error_code", "other_move_pending")
                .containsEntry("message", "Ihr Termin wird gerade schon auf eine andere Zeit verschoben. Sobald das erledigt ist, verschiebe "
                        + "ich ihn gern noch einmal. Fragen Sie mich dafür einfach gleich noch einmal.");
        assertThat(message(toTuesdayAt1430(result("HELD", null, MONDAY, 10, 0, false)))).startsWith("Dieser Termin ist erst vorgemerkt");
        assertThat(message(toTuesdayAt1430(result("CANCELLED", "cancelled_in_calendar", MONDAY, 10, 0, false))))
                .startsWith("Dieser Termin ist storniert");
        BookingResult none = new BookingResult("", "NOT_FOUND", "not_found", null, null, null, null, false, List.of(), List.of());
        assertThat(message(toTuesdayAt1430(none))).isEqualTo("Ich habe dazu leider keinen Termin gefunden.");
        BookingResult two = new BookingResult("", "REJECTED", "ambiguous_appointment", null, null, null, null, false,
                List.of("2026-11-23T10:00", "2026-11-23T16:00"), List.of());
        assertThat(message(toTuesdayAt1430(two))).isEqualTo(
                "Sie haben am Montag, den 23. November, zwei Termine. Welchen möchten Sie verschieben, den um 10 Uhr oder den um 16 Uhr?");
        // a cancel of an appointment whose move is under way
        assertThat(message(speech.booking(result("RESCHEDULE_PENDING", null, MONDAY, 10, 0, false), "cancel_appointment")))
                .isEqualTo("Dieser Termin wird gerade verschoben. Sobald das erledigt ist, kann ich ihn stornieren.");
    }
}
