package de.voicebooking.gateway.domain;

import static de.voicebooking.gateway.domain.SpokenAnswers.error;
import static de.voicebooking.gateway.domain.SpokenAnswers.ok;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

import de.voicebooking.avro.BookingResult;

/**
 * The answer to a reschedule_appointment (DESIGN §8) for {@link BookingAnswers}: booking-service's
 * {@link BookingResult} after the caller asked to move the appointment to a new day and time.
 * CONFIRMED with reason {@code rescheduled} is the moved appointment; CONFIRMED with any other
 * reason is the appointment that stays where it was, and the sentence says why and where it is.
 * Pure; one German sentence or two, written for speech.
 */
final class RescheduleAnswers {
    /** booking-service's reason of a booking its reschedule moved. */
    static final String RESCHEDULED = "rescheduled";
    /** What the agent says while the move in the calendar is still under way (it may take minutes when Cal.com does not answer). */
    static final String STILL_MOVING = "Die Verschiebung läuft noch. Ob sie geklappt hat, können Sie jederzeit hier am Telefon erfragen.";
    /** What the agent says to a reschedule for another time while one is under way. */
    static final String OTHER_MOVE_PENDING = "Ihr Termin wird gerade schon auf eine andere Zeit verschoben. Sobald das erledigt ist, "
            + "verschiebe ich ihn gern noch einmal. Fragen Sie mich dafür einfach gleich noch einmal.";
    private final SpokenAnswers speech;

    RescheduleAnswers(SpokenAnswers speech) {
        this.speech = speech;
    }

    /**
     * @param newDate the day the caller asked for (tenant-local)
     * @param newTime the start the caller asked for (tenant-local)
     * @return {@code success}, {@code message} and, for a refusal, {@code error_code}
     */
    Map<String, Object> answer(BookingResult r, LocalDate newDate, LocalTime newTime) {
        String reason = r.getReason() == null ? "" : r.getReason();
        return switch (r.getStatus()) {
            case "CONFIRMED" -> confirmed(r, reason, newDate, newTime);
            // asked for another time while a move runs: that time was not tried
            case "RESCHEDULE_PENDING" -> "other_move_under_way".equals(reason) ? error("other_move_pending", OTHER_MOVE_PENDING)
                    : error("pending", STILL_MOVING);
            case "CONFIRMING" -> error("pending", "Die Buchung dieses Termins läuft noch, einen Moment bitte.");
            case "CANCEL_PENDING" -> error("cancel_pending", "Dieser Termin wird gerade storniert, verschieben kann ich ihn daher nicht mehr.");
            case "CANCELLED" -> error("cancelled", "Dieser Termin ist storniert, ich kann ihn daher nicht verschieben. Soll ich einen neuen Termin für Sie suchen?");
            case "HELD" -> error("not_booked", "Dieser Termin ist erst vorgemerkt und noch nicht gebucht. Soll ich stattdessen die neue Zeit für Sie vormerken?");
            case "NOT_FOUND" -> error("not_found", "Ich habe dazu leider keinen Termin gefunden.");
            default -> error("not_booked", "Dieser Termin ist nicht gebucht, es gibt also nichts zu verschieben.");
        };
    }

    private Map<String, Object> confirmed(BookingResult r, String reason, LocalDate newDate, LocalTime newTime) {
        var start = r.getStart().atZone(speech.zone());
        String now = speech.when(start.toLocalDate(), start.toLocalTime());
        String asked = speech.when(newDate, newTime);
        String stays = " Ihr Termin bleibt am " + now + ".";
        return switch (reason) {
            case RESCHEDULED -> ok(r.getAwaitingConfirmation()
                    ? "Ich habe Ihren Termin" + speech.forService(r.getServiceName()) + " auf " + now + speech.withStaff(r.getStaffName())
                    + " verschoben. Die neue Zeit muss das Team noch bestätigen, erst dann ist sie fest."
                    : "Erledigt, Ihr Termin" + speech.forService(r.getServiceName()) + " ist jetzt am " + now
                    + speech.withStaff(r.getStaffName()) + ".");
            case "already_at_that_time" -> ok("Ihr Termin ist bereits am " + now + ", da muss ich nichts verschieben.");
            case "slot_taken" -> error(reason, "Am " + asked + (r.getStaffName() == null ? " ist leider schon alles belegt."
                    : " hat " + speech.staffName(r.getStaffName()) + " leider schon einen Termin.") + stays + " Soll ich eine andere Zeit für Sie suchen?");
            case "in_the_past" -> error(reason, "Dieser Zeitpunkt liegt in der Vergangenheit." + stays + " Auf wann möchten Sie ihn verschieben?");
            case "too_short_notice" -> error(reason, "So kurzfristig kann ich den Termin leider nicht verschieben." + stays + " Passt Ihnen eine spätere Zeit?");
            case "closed" -> error(reason, "Am " + GermanSpeech.date(newDate, speech.today().getYear()) + ", haben wir geschlossen." + stays
                    + " Welcher andere Tag passt Ihnen?");
            case "outside_hours" -> error(reason, "Um " + GermanSpeech.time(newTime) + " passt der Termin leider nicht in unsere Öffnungszeiten." + stays
                    + " Welche andere Uhrzeit passt Ihnen?");
            case "reschedule_deadline_passed" -> error(reason, "So kurz vor dem Termin kann ich ihn telefonisch leider nicht mehr verschieben."
                    + stays);
            // Cal.com could not be asked: trying again may help
            case "calendar_unavailable" -> error(reason, "Ich konnte den Termin leider nicht verschieben, er bleibt am " + now
                    + ". Soll ich es noch einmal versuchen?");
            // the booking's calendar side has other work under way (e.g. a cancel): another time would not help
            case "not_reschedulable" -> error(reason, "Diesen Termin kann ich gerade nicht verschieben, er bleibt am " + now
                    + ". Wenn Sie möchten, notiere ich einen Rückrufwunsch für das Team.");
            // rejected_by_calendar: the calendar refused this move, another time may do
            default -> error(reason.isEmpty() ? "not_rescheduled" : reason, "Ich konnte den Termin leider nicht verschieben, er bleibt am "
                    + now + ". Soll ich eine andere Zeit für Sie suchen?");
        };
    }
}
