package de.voicebooking.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import de.voicebooking.avro.AppointmentsResult;
import de.voicebooking.avro.BookingRequest;
import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.CancelBookingCommand;
import de.voicebooking.avro.ConfirmBookingCommand;
import de.voicebooking.avro.GetAppointmentsQuery;
import de.voicebooking.avro.GetBookingStatusQuery;
import de.voicebooking.avro.RescheduleBookingCommand;
import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.StartBookingCommand;
import de.voicebooking.gateway.domain.GermanDateParser;
import de.voicebooking.gateway.domain.GermanSpeech;
import de.voicebooking.gateway.domain.NamedAppointment;
import de.voicebooking.gateway.domain.OneStepBooking;
import de.voicebooking.gateway.domain.OpeningHoursSentences;
import de.voicebooking.gateway.domain.PhoneQuestions;
import de.voicebooking.gateway.domain.SpokenAnswers;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.phone.PhoneNumbers;

/**
 * The Retell functions answered by booking-service (DESIGN §5, §8): start_booking,
 * confirm_booking, book_appointment, get_booking_status, get_customer_appointments, cancel_appointment and
 * reschedule_appointment. Each checks what it can before anything is sent (a day, a time, a
 * phone number) and asks back in German otherwise; commands are keyed by their booking id.
 */
@Component
public class BookingFunctions {
    /** A cancel by date: only booking-service knows which booking it is, so the agent looks at the caller's appointments. */
    private static final String CANCEL_BY_DATE_STILL_RUNNING =
            "Das dauert gerade etwas länger. Ich sehe gleich in Ihren Terminen nach, ob die Stornierung geklappt hat.";
    /** The same for a reschedule by date. */
    private static final String RESCHEDULE_BY_DATE_STILL_RUNNING =
            "Das dauert gerade etwas länger. Ich sehe gleich in Ihren Terminen nach, ob die Verschiebung geklappt hat.";
    private final SpokenRequests requests;

    public BookingFunctions(SpokenRequests requests) {
        this.requests = requests;
    }

    /**
     * start_booking ({@code service}, {@code date}, {@code time}, {@code name}, {@code staff}?,
     * {@code phone}?, {@code email}?, {@code notes}?): holds the slot. A Retell retry within the
     * same call (same call id and arguments) gets the same booking id.
     */
    public Map<String, Object> start(FunctionCall c) {
        Start s = startOf(c);
        return s.askBack() != null ? s.askBack()
                : requests.booking(c, s.request(), s.bookingId(), r -> started(c, s, r), SpokenRequests.STILL_RUNNING);
    }

    /**
     * book_appointment (DESIGN §8, one step, legacy; the arguments of start_booking): holds the
     * slot and, when the hold leaves nothing to ask ({@link OneStepBooking#confirmsAtOnce}),
     * confirms it at once and answers as confirm_booking; else answers as start_booking, with
     * {@code needs_confirmation} ({@link OneStepBooking#asked}), and the agent confirms with confirm_booking. Both steps share the function's one budget
     * ({@code timeouts-ms.book_appointment}); the hold gets at most start_booking's.
     */
    public Map<String, Object> book(FunctionCall c) {
        Start s = startOf(c);
        if (s.askBack() != null) {
            return s.askBack();
        }
        Duration total = requests.timeout(c.name());
        long deadline = System.nanoTime() + total.toNanos();
        Duration holdBudget = requests.timeout("start_booking").compareTo(total) < 0 ? requests.timeout("start_booking") : total;
        return requests.booking(c, s.request(), s.bookingId(), held -> !OneStepBooking.confirmsAtOnce(held) ? OneStepBooking.asked(
                started(c, s, held), held) : requests.booking(c, new BookingRequest(c.tenant().tenantId(), c.callId(),
                        // the hold's own id: the same wish said again in other words is answered with the call's first hold
                        new ConfirmBookingCommand(held.getBookingId(), true)), held.getBookingId(), r -> c.speech().booking(r, "confirm_booking"),
                SpokenRequests.STILL_RUNNING, Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0))), SpokenRequests.STILL_RUNNING, holdBudget);
    }

    /** A start's request, booking id and the day and time said, or what to ask back before anything is held. */
    private record Start(Map<String, Object> askBack, String bookingId, BookingRequest request, GermanDateParser.Result said) {
        static Start asking(Map<String, Object> askBack) {
            return new Start(askBack, null, null, null);
        }
    }

    /**
     * The answer to start {@code s}: as start_booking's, and a start refused as outside the
     * opening hours with the day's hours and, for a start within them, the service's length
     * ({@link OpeningHoursSentences}).
     */
    private static Map<String, Object> started(FunctionCall c, Start s, BookingResult r) {
        Map<String, Object> out = c.speech().booking(r, c.name());
        if ("REJECTED".equals(r.getStatus()) && "outside_hours".equals(r.getReason())) {
            try {
                // hours closing at midnight or overnight are not said this way: the general sentence stays
                c.tenant().hours(s.said().date()).filter(h -> h.close().isAfter(h.open())).ifPresent(h -> out.put("message",
                        new OpeningHoursSentences(c.speech()).outsideHours(s.said().date(), s.said().time(), h.open(), h.close(), r.getServiceName(),
                                r.getServiceName() == null ? null
                                        : c.tenant().service(r.getServiceName()).map(ServiceOffering::getDurationMinutes).orElse(null),
                                java.time.LocalTime.now(c.tenant().zone()))));
            } catch (IllegalArgumentException badHours) {
                // the manifest writes the day's hours badly: the general sentence stays
            }
        }
        return out;
    }

    private static Start startOf(FunctionCall c) {
        GermanDateParser.Result w = c.when("date", "time");
        Map<String, Object> askedBack = c.dates().askBack(w);
        if (askedBack != null) {
            return Start.asking(askedBack);
        }
        if (w.date() == null) {
            return Start.asking(SpokenAnswers.error("not_a_date", "Für welchen Tag und welche Uhrzeit soll ich den Termin eintragen?"));
        }
        if (w.days() != null) { // "nächste Woche": a booking needs the day
            return Start.asking(SpokenAnswers.error("day_required", c.dates().bookingDayMissing(w)));
        }
        if (w.time() == null) {
            return Start.asking(SpokenAnswers.error("time_required", c.dates().timeMissing(w)));
        }
        if (c.arg("service") == null || c.arg("name") == null) {
            return Start.asking(SpokenAnswers.error("missing_details", c.arg("name") == null ? "Auf welchen Namen darf ich den Termin eintragen?"
                    : "Für welche Leistung möchten Sie den Termin?"));
        }
        // a number the customer-service would refuse is asked for now, before a slot is held, not after the caller said yes
        Optional<String> phone = PhoneNumbers.toE164(c.phoneArg() != null ? c.phoneArg() : c.fromNumber(), FunctionCall.PHONE_REGION);
        if (phone.isEmpty()) {
            return Start.asking(PhoneQuestions.askForNumber(c.phoneArg() != null, c.fromNumber() == null));
        }
        String bookingId = c.callId() == null ? UUID.randomUUID().toString() : UUID.nameUUIDFromBytes(String.join("|", c.callId(),
                c.arg("service"), String.valueOf(c.arg("staff")), w.date().toString(), w.time().toString(), c.arg("name"))
                .getBytes(StandardCharsets.UTF_8)).toString();
        StartBookingCommand cmd = new StartBookingCommand(bookingId, c.arg("service"), c.arg("staff"), w.date(), w.time().toString(),
                c.arg("name"), phone.get(), c.arg("email"), c.arg("notes"), c.fromNumber());
        return new Start(null, bookingId, new BookingRequest(c.tenant().tenantId(), c.callId(), cmd), w);
    }

    /** confirm_booking ({@code booking_id}, {@code confirmed}): only a clear yes books, only a clear no declines. */
    public Map<String, Object> confirm(FunctionCall c) {
        String id = c.arg("booking_id");
        if (id == null) {
            return SpokenAnswers.error("missing_booking_id", "Welchen Termin soll ich buchen?");
        }
        Boolean yes = GermanSpeech.yesOrNo(c.arg("confirmed"));
        if (yes == null && GermanSpeech.asksToWait(c.arg("confirmed"))) { // "warten Sie mal": no question again at once
            return SpokenAnswers.error("caller_needs_a_moment", "Gerne, ich warte. Sagen Sie einfach Bescheid, ob ich den Termin buchen soll.");
        }
        if (yes == null) {
            return SpokenAnswers.error("unclear_confirmation", "Soll ich den Termin verbindlich für Sie buchen?");
        }
        BookingRequest req = new BookingRequest(c.tenant().tenantId(), c.callId(), new ConfirmBookingCommand(id, yes));
        if (!yes) { // declined: a hold whose time ran out meanwhile is not booked either, and no offer to look again follows a "no"
            return requests.booking(c, req, id, r -> c.speech().booking("EXPIRED".equals(r.getStatus())
                    ? BookingResult.newBuilder(r).setStatus("REJECTED").setReason("declined_by_caller").build() : r, c.name()),
                    SpokenRequests.STILL_RUNNING);
        }
        return requests.booking(c, req, id);
    }

    /**
     * get_booking_status ({@code booking_id}): the outcome of a booking of this call, or of another
     * under the caller's number; without a booking id, the caller's appointments ({@link #appointments}),
     * not "no such appointment".
     */
    public Map<String, Object> status(FunctionCall c) {
        String id = c.arg("booking_id");
        if (id == null) {
            return appointments(c);
        }
        Map<String, Object> out = requests.bookingQuery(c, new BookingRequest(c.tenant().tenantId(), c.callId(),
                new GetBookingStatusQuery(id, c.fromNumber())), id);
        if (c.fromNumber() == null && "not_found".equals(out.get("error_code"))) {
            // a booking of another call is found by the caller's number only: without it, "no appointment" would not be true
            out.put("message", PhoneQuestions.withheld("Ihnen zu diesem Termin keine Auskunft geben"));
        }
        return out;
    }

    /** get_customer_appointments: the upcoming appointments under the caller's own number. */
    public Map<String, Object> appointments(FunctionCall c) {
        // only the caller's own number: a number the caller says would read out someone else's appointments
        if (c.fromNumber() == null) {
            return PhoneQuestions.numberWithheld("Ihre Termine am Telefon nicht nachsehen");
        }
        return requests.query(c, Topics.BOOKING_REQUESTS,
                new BookingRequest(c.tenant().tenantId(), c.callId(), new GetAppointmentsQuery(c.fromNumber())),
                AppointmentsResult.class, c.speech()::appointments);
    }

    /** cancel_appointment ({@code booking_id}? or {@code date} + {@code time}?, {@code reason}?). */
    public Map<String, Object> cancel(FunctionCall c) {
        NamedAppointment a = named(c, "absagen");
        if (a.askBack() != null) {
            return a.askBack();
        }
        // only the caller's own number (Retell's call.from_number), never a number the caller says:
        // a booking is cancelled only by whoever booked it (or within the call that made it)
        CancelBookingCommand cmd = new CancelBookingCommand(a.bookingId(), a.date(), a.time(), c.fromNumber(), c.arg("reason"),
                a.earliest(), a.latest(), a.lastDate());
        return requests.booking(c, new BookingRequest(c.tenant().tenantId(), c.callId(), cmd), a.bookingId(),
                r -> notFound(a, r) ? a.notFound(r, c.speech(), c.dates()) : c.speech().booking(r, c.name()),
                a.byDate() ? CANCEL_BY_DATE_STILL_RUNNING : SpokenRequests.STILL_RUNNING);
    }

    /**
     * reschedule_appointment (DESIGN §8; {@code booking_id}? or {@code date} + {@code time}?,
     * {@code new_date}, {@code new_time}, {@code reason}?): the appointment is named as for a
     * cancel; the new time needs a day and an exact time. {@code new_date} defaults to the
     * appointment's {@code date} ("auf 15 Uhr" the same day).
     */
    public Map<String, Object> reschedule(FunctionCall c) {
        NamedAppointment a = named(c, "verschieben");
        if (a.askBack() != null) {
            return a.askBack();
        }
        String newDay = c.arg("new_date") != null ? c.arg("new_date") : a.said().days() == null ? c.arg("date") : null;
        GermanDateParser.Result n = c.whenSaid(newDay, c.arg("new_time"));
        Map<String, Object> askedBack = c.dates().newTimeMissing(n);
        if (askedBack != null) {
            return askedBack;
        }
        RescheduleBookingCommand cmd = new RescheduleBookingCommand(a.bookingId(), a.date(), a.time(), c.fromNumber(), c.arg("reason"),
                a.earliest(), a.latest(), a.lastDate(), n.date(), n.time().toString());
        return requests.booking(c, new BookingRequest(c.tenant().tenantId(), c.callId(), cmd), a.bookingId(),
                r -> notFound(a, r) ? a.notFound(r, c.speech(), c.dates()) : c.speech().reschedule(r, n.date(), n.time()),
                a.byDate() ? RESCHEDULE_BY_DATE_STILL_RUNNING : SpokenRequests.STILL_RUNNING);
    }

    /** Whether {@code r} found nothing by the date said: said with what was said ({@link NamedAppointment#notFound}). */
    private static boolean notFound(NamedAppointment a, BookingResult r) {
        return a.byDate() && "NOT_FOUND".equals(r.getStatus());
    }

    /** The appointment a cancel or reschedule names ({@code booking_id}, or {@code date} + {@code time}?), or what to ask back. */
    private static NamedAppointment named(FunctionCall c, String verb) {
        GermanDateParser.Result w = c.arg("date") == null ? new GermanDateParser.Result(null, null, null) : c.when("date", "time");
        return NamedAppointment.of(c.arg("booking_id"), w, c.fromNumber() != null, c.dates(), verb);
    }
}
