package de.voicebooking.gateway.domain;

import static de.voicebooking.gateway.domain.SpokenAnswers.error;
import static de.voicebooking.gateway.domain.SpokenAnswers.ok;
import static de.voicebooking.gateway.domain.SpokenAnswers.status;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.OwnAppointment;

/**
 * The answers to booking-service's {@link BookingResult} (start_booking, confirm_booking,
 * get_booking_status, cancel_appointment, reschedule_appointment) for {@link SpokenAnswers}: what is held, booked,
 * cancelled or refused, and why, as one German sentence to speak. Pure.
 */
final class BookingAnswers {
    /** booking-service's reason for a hold whose member Cal.com's round robin may replace (no own event type). */
    static final String HOST_NOT_GUARANTEED = "host_not_guaranteed";
    /** booking-service's reason for a hold whose member it chose itself (none asked for) on a round-robin event type: Cal.com names the host at the confirmation. */
    static final String HOST_CHOSEN_BY_CALENDAR = "host_chosen_by_calendar";
    /** booking-service's reason for a cancel by date that fits several of the caller's appointments. */
    private static final String AMBIGUOUS_APPOINTMENT = "ambiguous_appointment";
    /** booking-service's reason of a booking the caller cancelled a moment ago when another one fits the same words. */
    private static final String JUST_CANCELLED_OTHER_FITS = "just_cancelled_other_fits";
    /** booking-service's reason for a start whose time the caller's own appointment takes. */
    private static final String OWN_APPOINTMENT = "own_appointment";
    /** booking-service's reason for a start whose time a hold made earlier in the same call takes. */
    private static final String HELD_IN_CALL = "held_in_call";
    private final SpokenAnswers speech;

    BookingAnswers(SpokenAnswers speech) {
        this.speech = speech;
    }

    /** start_booking, confirm_booking, get_booking_status, cancel_appointment: the booking's state as the caller hears it. */
    Map<String, Object> booking(BookingResult r, String function) {
        String what = "Ihr Termin" + speech.forService(r.getServiceName());
        var start = r.getStart() == null ? null : r.getStart().atZone(speech.zone());
        String at = start == null ? "" : " am " + speech.when(start.toLocalDate(), start.toLocalTime());
        String with = speech.withStaff(r.getStaffName());
        String reason = r.getReason() == null ? "" : r.getReason();
        Map<String, Object> out = switch (r.getStatus()) {
            case "HELD" -> ok(held(r, at, HOST_CHOSEN_BY_CALENDAR.equals(reason) ? "" : with, reason));
            // a cancel asked while the booking is still being made is not kept: the caller must ask again once it is booked
            case "CONFIRMING" -> "cancel_appointment".equals(function)
                    ? error("booking_pending", "Dieser Termin wird gerade noch gebucht. Sobald das erledigt ist, kann ich ihn stornieren. "
                    + "Sagen Sie mir bitte gleich noch einmal Bescheid.")
                    : error("pending", "Die Buchung läuft noch, einen Moment bitte.");
            case "CONFIRMED" -> switch (function) {
                case "cancel_appointment" -> "cancellation_deadline_passed".equals(reason)
                        ? error(reason, "Dieser Termin kann so kurzfristig telefonisch leider nicht mehr storniert werden.")
                        : error(reason.isEmpty() ? "not_cancelled" : reason, "Ich konnte den Termin leider nicht stornieren, er bleibt bestehen.");
                // Cal.com holds it as pending (calcom-api-v2.md §4.7): promise no more than a request
                default -> r.getAwaitingConfirmation()
                        ? ok(what + at + with + " ist angefragt. Das Team muss ihn noch bestätigen, erst dann ist er fest gebucht."
                        + ("confirm_booking".equals(function) ? " Ob er bestätigt ist, können Sie jederzeit hier am Telefon erfragen." : ""))
                        : ok(what + at + with + " ist fest gebucht.");
            };
            // may last minutes when Cal.com does not say whether the cancel went through: no "einen Moment bitte"
            case "CANCEL_PENDING" -> error("pending", "Die Stornierung läuft noch. Ob sie durchgegangen ist, können Sie jederzeit hier am Telefon erfragen.");
            case "RESCHEDULE_PENDING" -> "cancel_appointment".equals(function)
                    ? error("reschedule_pending", "Dieser Termin wird gerade verschoben. Sobald das erledigt ist, kann ich ihn stornieren.")
                    : error("pending", RescheduleAnswers.STILL_MOVING);
            case "CANCELLED" -> JUST_CANCELLED_OTHER_FITS.equals(reason) ? justCancelledOtherFits(r)
                    : SpokenAnswers.DECLINED_IN_CALENDAR.equals(reason)
                    ? ok(what + at + " wurde vom Team leider abgelehnt, er ist nicht gebucht. Soll ich einen anderen Termin suchen?")
                    : ok(what + at + " ist storniert.");
            case "EXPIRED" -> error("hold_expired", "Die Reservierung ist leider abgelaufen, der Termin ist nicht gebucht. Soll ich noch einmal nachsehen, ob er frei ist?");
            case "NOT_FOUND" -> error("not_found", "Ich habe dazu leider keinen Termin gefunden.");
            default -> AMBIGUOUS_APPOINTMENT.equals(reason)
                    ? whichAppointment(r, "absagen")
                    : OWN_APPOINTMENT.equals(reason)
                    ? error(reason, OwnAppointmentSentences.timeTaken(ownDay(r), mine(r)))
                    : HELD_IN_CALL.equals(reason) && !r.getOwnAppointments().isEmpty()
                    ? heldInCall(r)
                    : "cancel_appointment".equals(function)
                    ? error("not_booked", "Dieser Termin ist nicht gebucht, es gibt also nichts zu stornieren.")
                    : "ambiguous_service".equals(reason)
                    ? error(reason, GermanSpeech.whichOf(r.getCandidates()))
                    : StaffWishSentences.isStaffProblem(reason)
                    ? error(reason, StaffWishSentences.refused(speech, reason, speech.forService(r.getServiceName()), r.getStaffName(), r.getCandidates()))
                    : rejected(reason, at);
        };
        return withFields(out, r);
    }

    /** reschedule_appointment: the booking's state after the caller asked to move it to {@code newDate} {@code newTime} ({@link RescheduleAnswers}). */
    Map<String, Object> reschedule(BookingResult r, java.time.LocalDate newDate, java.time.LocalTime newTime) {
        Map<String, Object> out = AMBIGUOUS_APPOINTMENT.equals(r.getReason()) ? whichAppointment(r, "verschieben")
                : JUST_CANCELLED_OTHER_FITS.equals(r.getReason()) ? justCancelledOtherFits(r)
                : new RescheduleAnswers(speech).answer(r, newDate, newTime);
        return withFields(out, r);
    }

    /** The booking's fields beside the sentence: {@code booking_id}, {@code status}, {@code date} and {@code time} (where it is now), {@code service}, {@code staff}. */
    private Map<String, Object> withFields(Map<String, Object> out, BookingResult r) {
        out.put("booking_id", r.getBookingId());
        out.put("status", status(r.getStatus(), r.getAwaitingConfirmation()));
        if (r.getStart() != null) {
            var start = r.getStart().atZone(speech.zone());
            out.put("date", start.toLocalDate().toString());
            out.put("time", start.toLocalTime().toString());
        }
        out.put("service", r.getServiceName());
        // a member Cal.com's round robin has yet to choose is not named, not even for the agent to say
        out.put("staff", "HELD".equals(r.getStatus()) && HOST_CHOSEN_BY_CALENDAR.equals(r.getReason()) ? null : r.getStaffName());
        return out;
    }

    /**
     * A hold's answer: what is held ({@code with}: the member, empty for one Cal.com will choose,
     * {@value #HOST_CHOSEN_BY_CALENDAR}), then, for a member asked for whom Cal.com's round robin may
     * replace ({@value #HOST_NOT_GUARANTEED}), that no promise is made, and the caller's other
     * appointments that day ({@link OwnAppointmentSentences#withHold}); the question whether to book last.
     */
    private String held(BookingResult r, String at, String with, String reason) {
        // a member asked for whom Cal.com's round robin may replace: no promise the confirmation may break
        boolean noPromise = HOST_NOT_GUARANTEED.equals(reason) && r.getStaffName() != null;
        String held = "Ich habe Ihnen den Termin" + speech.forService(r.getServiceName()) + at + (noPromise ? "" : with) + " vorgemerkt. "
                + (noPromise ? speech.staffName(r.getStaffName()) + " kann ich Ihnen dafür leider nicht fest zusagen. Wer Sie bedient, "
                + "teilt unser Kalender beim Buchen zu. " : "");
        // after the no-promise sentence "ihn" would point at "Kalender": the appointment is named again
        return held + (!r.getOwnAppointments().isEmpty() ? OwnAppointmentSentences.withHold(mine(r))
                : noPromise ? "Soll ich den Termin verbindlich buchen?" : "Soll ich ihn verbindlich buchen?");
    }

    /** The caller's other appointments of a booking answer, as spoken ("um 14 Uhr", "für einen Herrenschnitt bei Max"). */
    private List<OwnAppointmentSentences.Mine> mine(BookingResult r) {
        return r.getOwnAppointments().stream().map(a -> new OwnAppointmentSentences.Mine(
                "um " + GermanSpeech.time(a.getStart().atZone(speech.zone()).toLocalTime()),
                (speech.forService(a.getServiceName()) + speech.withStaff(a.getStaffName())).trim(), a.getOverlaps())).toList();
    }

    /**
     * A start whose time the call's own earlier hold takes ({@value #HELD_IN_CALL}): that hold
     * named, asked whether to give it up for the new time; its id as {@code held_booking_id}
     * (to decline with confirm_booking before starting the new time).
     */
    private Map<String, Object> heldInCall(BookingResult r) {
        Map<String, Object> out = error(HELD_IN_CALL, OwnAppointmentSentences.heldInCall(mine(r)));
        out.put("held_booking_id", r.getOwnAppointments().get(0).getBookingId());
        return out;
    }

    /** The day of the caller's own appointment that takes the time asked for, as spoken ("Montag, den 23. November"). */
    private String ownDay(BookingResult r) {
        return r.getOwnAppointments().stream().filter(OwnAppointment::getOverlaps).findFirst()
                .map(a -> GermanSpeech.date(a.getStart().atZone(speech.zone()).toLocalDate(), speech.today().getYear())).orElse("");
    }

    /**
     * A cancel or reschedule by date ({@code verb}: "absagen", "verschieben") that fits several of
     * the caller's appointments ({@code r.candidates}: their tenant-local ISO date-times, earliest first): on one day "Sie haben am Montag, den 23.
     * November, zwei Termine. Welchen möchten Sie absagen, den um 11 Uhr oder den um 11:30 Uhr?";
     * on several days (a range said) "Sie haben in dieser Zeit zwei Termine. Welchen möchten Sie
     * absagen, den am Montag, den 23. November, um 11 Uhr oder den am Mittwoch, den 25. November,
     * um 14 Uhr?"; two at the same time are told apart by service and member ("den um 11 Uhr für
     * Herrenschnitt bei Max oder den um 11 Uhr für Damenschnitt bei Lisa"), and the
     * appointments go as {@code other_appointments} [{booking_id, date, time, service, staff}], by
     * whose booking_id the agent goes on; of more than {@value GermanSpeech#MOST_ASKED}, none is
     * read out and the time (and day) that picks one is asked for. Error code {@code ambiguous_appointment}.
     */
    private Map<String, Object> whichAppointment(BookingResult r, String verb) {
        List<LocalDateTime> times = r.getCandidates().stream().map(LocalDateTime::parse).toList();
        boolean oneDay = times.stream().map(LocalDateTime::toLocalDate).distinct().count() == 1;
        String when = oneDay ? "am " + GermanSpeech.date(times.get(0).toLocalDate(), speech.today().getYear()) + "," : "in dieser Zeit";
        String intro = "Sie haben " + when + " " + GermanSpeech.count(times.size()) + " Termine. Welchen möchten Sie " + verb;
        String message;
        if (times.size() > GermanSpeech.MOST_ASKED) { // too many to read out: asked for what picks one
            message = intro + "? Sagen Sie mir bitte " + (oneDay ? "die Uhrzeit." : "den Tag und die Uhrzeit.");
        } else {
            boolean sameTimes = times.stream().distinct().count() < times.size();
            List<String> which = sameTimes && r.getOwnAppointments().size() == times.size()
                    ? r.getOwnAppointments().stream().map(a -> {
                        LocalDateTime t = a.getStart().atZone(speech.zone()).toLocalDateTime();
                        return (oneDay ? "den um " + GermanSpeech.time(t.toLocalTime()) : "den am " + speech.when(t.toLocalDate(), t.toLocalTime()))
                                + speech.forService(a.getServiceName()) + speech.withStaff(a.getStaffName());
                    }).distinct().toList()
                    : times.stream().map(t -> oneDay ? "den um " + GermanSpeech.time(t.toLocalTime())
                    : "den am " + speech.when(t.toLocalDate(), t.toLocalTime())).distinct().toList();
            message = intro + (which.size() > 1 ? ", " + GermanSpeech.alternatives(which) : "") + "?";
        }
        Map<String, Object> out = error(AMBIGUOUS_APPOINTMENT, message);
        if (!r.getOwnAppointments().isEmpty()) {
            out.put("other_appointments", NamedAppointment.described(r.getOwnAppointments(), speech));
        }
        return out;
    }

    /**
     * A cancel or reschedule by date asked for again after the caller cancelled the appointment it
     * named, while another one fits the same words: "Ihren Termin um 12 Uhr für einen Herrenschnitt
     * bei Max haben Sie eben storniert. Meinen Sie den um 12 Uhr für einen Herrenschnitt bei
     * Lisa?", that one as {@code other_appointments}; error code {@code just_cancelled_other_fits}.
     */
    private Map<String, Object> justCancelledOtherFits(BookingResult r) {
        var cancelled = r.getStart().atZone(speech.zone()).toLocalDateTime();
        String mine = "Ihren Termin um " + GermanSpeech.time(cancelled.toLocalTime()) + speech.forService(r.getServiceName())
                + speech.withStaff(r.getStaffName()) + " haben Sie eben storniert.";
        List<String> others = r.getOwnAppointments().stream().map(a -> {
            var t = a.getStart().atZone(speech.zone()).toLocalDateTime();
            return "den " + (t.toLocalDate().equals(cancelled.toLocalDate()) ? "" : "am " + GermanSpeech.date(t.toLocalDate(), speech.today().getYear())
                    + ", ") + "um " + GermanSpeech.time(t.toLocalTime()) + speech.forService(a.getServiceName()) + speech.withStaff(a.getStaffName());
        }).toList();
        Map<String, Object> out = error(JUST_CANCELLED_OTHER_FITS, others.isEmpty() ? mine : mine + " Meinen Sie " + GermanSpeech.alternatives(others) + "?");
        out.put("other_appointments", NamedAppointment.described(r.getOwnAppointments(), speech));
        return out;
    }

    private static Map<String, Object> rejected(String reason, String at) {
        return switch (reason) {
            // held_in_call without the hold named (an older booking-service): as taken, a retry would not help
            case "slot_taken", "held_in_call" -> error(reason, "Dieser Termin ist leider gerade vergeben worden und wurde nicht gebucht. Soll ich eine andere Zeit suchen?");
            case "in_the_past" -> error(reason, "Dieser Zeitpunkt liegt in der Vergangenheit. Welcher Tag passt Ihnen?");
            case "too_short_notice" -> error(reason, "So kurzfristig kann ich leider keinen Termin mehr buchen. Passt Ihnen eine spätere Zeit?");
            case "closed" -> error(reason, "An diesem Tag haben wir geschlossen. Welcher andere Tag passt Ihnen?");
            case "outside_hours" -> error(reason, "Zu dieser Zeit haben wir leider nicht geöffnet. Welche andere Uhrzeit passt Ihnen?");
            case "unknown_service" -> error(reason, SpokenAnswers.UNKNOWN_SERVICE);
            case "service_required" -> error(reason, "Für welche Leistung möchten Sie den Termin?");
            case "declined_by_caller" -> error(reason, "In Ordnung, ich habe den Termin nicht gebucht.");
            case "customer_rejected" -> error(reason, "Mit dieser Telefonnummer kann ich leider nicht buchen. Unter welcher Nummer erreichen wir Sie?");
            default -> error(reason.isEmpty() ? "not_booked" : reason,
                    "Ich konnte den Termin" + at + " leider nicht im Kalender eintragen, er ist nicht gebucht. Soll ich es noch einmal versuchen?");
        };
    }
}
