package de.voicebooking.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.AppointmentsResult;
import de.voicebooking.avro.AvailabilityRequest;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.BookingRequest;
import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.CallbackResult;
import de.voicebooking.avro.CancelBookingCommand;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.avro.ConfirmBookingCommand;
import de.voicebooking.avro.CustomerRequest;
import de.voicebooking.avro.CustomerResult;
import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.GetAppointmentsQuery;
import de.voicebooking.avro.GetBookingStatusQuery;
import de.voicebooking.avro.ListServicesQuery;
import de.voicebooking.avro.ListStaffQuery;
import de.voicebooking.avro.RequestCallbackCommand;
import de.voicebooking.avro.RescheduleBookingCommand;
import de.voicebooking.avro.LookupCustomerQuery;
import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.ServicesResult;
import de.voicebooking.avro.StaffResult;
import de.voicebooking.avro.StartBookingCommand;
import de.voicebooking.gateway.domain.CallbackSentences;
import de.voicebooking.gateway.domain.DateQuestions;
import de.voicebooking.gateway.domain.GermanDateParser;
import de.voicebooking.gateway.domain.GermanDayRange;
import de.voicebooking.gateway.domain.GermanSpeech;
import de.voicebooking.gateway.domain.NamedAppointment;
import de.voicebooking.gateway.domain.OutageSentences;
import de.voicebooking.gateway.domain.PhoneQuestions;
import de.voicebooking.gateway.domain.SpokenAnswers;
import de.voicebooking.gateway.domain.TimeWindow;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.phone.PhoneNumbers;

/**
 * The Retell functions (DESIGN §8): each turns string arguments into a typed request, asks the
 * owning service over Kafka within the function's time budget
 * ({@code voicebooking.timeouts-ms.<function>}, else {@code .default}), and renders the reply
 * for speech. When the budget runs out it still answers with a sentence the agent can say and,
 * for bookings, the {@code booking_id} whose outcome can be asked for later.
 */
@Component
public class FunctionHandlers {
    private static final Logger log = LoggerFactory.getLogger(FunctionHandlers.class);
    /** What the agent says when a booking command's budget runs out and it knows the booking id. */
    private static final String STILL_RUNNING = "Das dauert gerade etwas länger. Ich prüfe gleich noch einmal, ob es geklappt hat.";
    /** The same for a cancel by date: only booking-service knows which booking it is, so the agent looks at the caller's appointments. */
    private static final String CANCEL_BY_DATE_STILL_RUNNING =
            "Das dauert gerade etwas länger. Ich sehe gleich in Ihren Terminen nach, ob die Stornierung geklappt hat.";
    /** The same for a reschedule by date. */
    private static final String RESCHEDULE_BY_DATE_STILL_RUNNING =
            "Das dauert gerade etwas länger. Ich sehe gleich in Ihren Terminen nach, ob die Verschiebung geklappt hat.";
    private final KafkaRequester kafka;
    private final CallTimeouts timeouts;
    private final Map<String, Long> timeoutsMs;

    public FunctionHandlers(KafkaRequester kafka, CallTimeouts timeouts, Environment env) {
        this.kafka = kafka;
        this.timeouts = timeouts;
        // bound once: an Environment look-up walks every property source, too slow for each call
        this.timeoutsMs = Map.copyOf(Binder.get(env).bind("voicebooking.timeouts-ms", Bindable.mapOf(String.class, Long.class))
                .orElse(Map.of()));
    }

    /** Runs function {@code call.name()}; never throws for bad input. */
    public Map<String, Object> handle(FunctionCall call) {
        return switch (call.name()) {
            case "initialize_call" -> initializeCall(call);
            case "list_services", "get_available_services" -> listServices(call);
            case "list_staff" -> listStaff(call);
            case "parse_date" -> parseDate(call);
            case "check_availability" -> checkAvailability(call);
            case "find_next_available" -> findNextAvailable(call);
            case "start_booking" -> startBooking(call);
            case "confirm_booking" -> confirmBooking(call);
            case "get_booking_status" -> bookingStatus(call);
            case "get_customer_appointments" -> appointments(call);
            case "cancel_appointment" -> cancel(call);
            case "reschedule_appointment" -> reschedule(call);
            case "request_callback" -> requestCallback(call);
            default -> SpokenAnswers.error("unknown_function", "Das kann ich am Telefon leider noch nicht erledigen.");
        };
    }

    private DateQuestions dates(FunctionCall c) {
        return new DateQuestions(LocalDate.now(c.tenant().zone()));
    }

    private SpokenAnswers speech(FunctionCall c) {
        return new SpokenAnswers(c.tenant().zone(), LocalDate.now(c.tenant().zone()),
                name -> c.tenant().service(name).map(ServiceOffering::getAppointmentPhrase).orElse(null));
    }

    private Map<String, Object> initializeCall(FunctionCall c) {
        var t = c.tenant();
        ZonedDateTime now = ZonedDateTime.now(t.zone());
        Optional<CustomerResult> customer = c.fromNumber() == null ? Optional.empty()
                : ask(c, Topics.CUSTOMER_REQUESTS, new CustomerRequest(t.tenantId(), new LookupCustomerQuery(c.fromNumber())))
                .map(r -> r.getPayload() instanceof CustomerResult cr ? cr : null);
        boolean known = customer.map(CustomerResult::getKnown).orElse(false);
        String greeting = "Herzlich willkommen bei " + t.config().getName() + "."
                + (known ? " Schön, dass Sie wieder anrufen, " + customer.get().getName() + "." : "") + " Wie kann ich Ihnen helfen?";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message", greeting);
        out.put("business_name", t.config().getName());
        out.put("customer_known", known);
        out.put("customer_name", known ? customer.get().getName() : null);
        out.put("today", GermanSpeech.fullDate(now.toLocalDate()));
        out.put("current_time", GermanSpeech.time(now.toLocalTime().withSecond(0).withNano(0)));
        return out;
    }

    private Map<String, Object> listServices(FunctionCall c) {
        String q = c.arg("query");
        return spoken(ask(c, Topics.AVAILABILITY_REQUESTS, new AvailabilityRequest(c.tenant().tenantId(), new ListServicesQuery(q))),
                ServicesResult.class, r -> speech(c).services(r, q), () -> busy(c));
    }

    /** list_staff (DESIGN §8): {@code query} a name the caller said, {@code service} a service they said; both optional. */
    private Map<String, Object> listStaff(FunctionCall c) {
        String q = c.arg("query");
        return spoken(ask(c, Topics.AVAILABILITY_REQUESTS, new AvailabilityRequest(c.tenant().tenantId(), new ListStaffQuery(q, c.arg("service")))),
                StaffResult.class, r -> speech(c).staff(r, q), () -> busy(c));
    }

    private Map<String, Object> parseDate(FunctionCall c) {
        ZonedDateTime ref = ZonedDateTime.now(c.tenant().zone());
        String given = c.arg("reference_time");
        if (given != null) {
            try {
                ref = java.time.OffsetDateTime.parse(given).atZoneSameInstant(c.tenant().zone());
            } catch (RuntimeException e) {
                // keep now
            }
        }
        String text = c.arg("text") != null ? c.arg("text") : c.arg("date");
        GermanDateParser.Result r = GermanDateParser.parse(text, ref, new TenantOpeningHours(c.tenant()));
        return new DateQuestions(ref.toLocalDate()).parseDateAnswer(r);
    }

    /** Parses {@code date} (+ {@code time}) arguments like parse_date; null when the date is missing. */
    private GermanDateParser.Result when(FunctionCall c, String dateArg, String timeArg) {
        return whenSaid(c, c.arg(dateArg), c.arg(timeArg));
    }

    /** Parses a day and a time as said (either may be null), relative to now in the tenant's zone and hours. */
    private GermanDateParser.Result whenSaid(FunctionCall c, String dateText, String timeText) {
        return GermanDateParser.parseArguments(dateText, timeText, ZonedDateTime.now(c.tenant().zone()), new TenantOpeningHours(c.tenant()));
    }

    private Map<String, Object> checkAvailability(FunctionCall c) {
        return availability(c, when(c, "date", "time"), false);
    }

    /** find_next_available: the soonest free times from the day said (else today) on, or within the range of days said. */
    private Map<String, Object> findNextAvailable(FunctionCall c) {
        return availability(c, when(c, "date", "time"), true);
    }

    /**
     * check_availability of {@code w}: one day, or a range of days said ("nächste Woche"); with
     * {@code soonest} a single day or none said is the start of {@link GermanDayRange#soonestFrom}.
     */
    private Map<String, Object> availability(FunctionCall c, GermanDateParser.Result w, boolean soonest) {
        Map<String, Object> askedBack = dates(c).askBack(w);
        if (askedBack != null) {
            return askedBack;
        }
        LocalDate today = LocalDate.now(c.tenant().zone());
        if (w.date() == null && !soonest) {
            return SpokenAnswers.error("not_a_date", "Für welchen Tag soll ich nachsehen?");
        }
        if ("in_the_past".equals(w.error()) && w.date().isBefore(today)) {
            return SpokenAnswers.error("in_the_past", dates(c).dayPast(w));
        }
        GermanDayRange.DayRange days = w.days() != null || !soonest ? w.days() : GermanDayRange.soonestFrom(w.date() != null ? w.date() : today);
        // a time of today already past: said so, and the rest of today's free times instead (over a range of days, the next days have it)
        boolean timePast = days == null && "in_the_past".equals(w.error()) && w.time() != null;
        // a range said instead of a time ("nachmittags", "nach 17 Uhr"): the free starts within it
        TimeWindow window = w.window();
        CheckAvailabilityQuery q = new CheckAvailabilityQuery(days != null ? days.first() : w.date(),
                w.time() == null || timePast ? null : w.time().toString(), c.arg("service"), c.arg("staff"),
                window == null ? null : window.earliest().toString(), window == null ? null : window.latest().toString(),
                days == null ? null : days.last());
        Map<String, Object> out = spoken(ask(c, Topics.AVAILABILITY_REQUESTS, new AvailabilityRequest(c.tenant().tenantId(), q)),
                AvailabilityResult.class, r -> speech(c).availability(r, window, days), () -> busy(c));
        if (timePast) {
            out.put("message", dates(c).timePast(w.time()) + " " + out.get("message"));
        }
        return out;
    }

    private Map<String, Object> startBooking(FunctionCall c) {
        GermanDateParser.Result w = when(c, "date", "time");
        Map<String, Object> askedBack = dates(c).askBack(w);
        if (askedBack != null) {
            return askedBack;
        }
        if (w.date() == null) {
            return SpokenAnswers.error("not_a_date", "Für welchen Tag und welche Uhrzeit soll ich den Termin eintragen?");
        }
        if (w.days() != null) { // "nächste Woche": a booking needs the day
            return SpokenAnswers.error("day_required", dates(c).bookingDayMissing(w));
        }
        if (w.time() == null) {
            return SpokenAnswers.error("time_required", dates(c).timeMissing(w));
        }
        if (c.arg("service") == null || c.arg("name") == null) {
            return SpokenAnswers.error("missing_details", c.arg("name") == null ? "Auf welchen Namen darf ich den Termin eintragen?"
                    : "Für welche Leistung möchten Sie den Termin?");
        }
        // a number the customer-service would refuse is asked for now, before a slot is held, not after the caller said yes
        Optional<String> phone = PhoneNumbers.toE164(c.arg("phone") != null ? c.arg("phone") : c.fromNumber(), FunctionCall.PHONE_REGION);
        if (phone.isEmpty()) {
            return PhoneQuestions.askForNumber(c.arg("phone") != null, c.fromNumber() == null);
        }
        // the same call asking for the same thing again (a Retell retry) gets the same booking id
        String bookingId = c.callId() == null ? UUID.randomUUID().toString() : UUID.nameUUIDFromBytes(String.join("|", c.callId(),
                c.arg("service"), String.valueOf(c.arg("staff")), w.date().toString(), w.time().toString(), c.arg("name"))
                .getBytes(StandardCharsets.UTF_8)).toString();
        StartBookingCommand cmd = new StartBookingCommand(bookingId, c.arg("service"), c.arg("staff"), w.date(), w.time().toString(),
                c.arg("name"), phone.get(), c.arg("email"), c.arg("notes"), c.fromNumber());
        return bookingCall(c, new BookingRequest(c.tenant().tenantId(), c.callId(), cmd), bookingId, "start_booking");
    }

    private Map<String, Object> confirmBooking(FunctionCall c) {
        String id = c.arg("booking_id");
        if (id == null) {
            return SpokenAnswers.error("missing_booking_id", "Welchen Termin soll ich buchen?");
        }
        Boolean yes = GermanSpeech.yesOrNo(c.arg("confirmed"));
        if (yes == null && GermanSpeech.asksToWait(c.arg("confirmed"))) { // "warten Sie mal": no question again at once
            return SpokenAnswers.error("caller_needs_a_moment", "Gerne, ich warte. Sagen Sie einfach Bescheid, ob ich den Termin buchen soll.");
        }
        if (yes == null) { // only a clear yes books, only a clear no declines
            return SpokenAnswers.error("unclear_confirmation", "Soll ich den Termin verbindlich für Sie buchen?");
        }
        return bookingCall(c, new BookingRequest(c.tenant().tenantId(), c.callId(), new ConfirmBookingCommand(id, yes)), id, "confirm_booking");
    }

    private Map<String, Object> bookingStatus(FunctionCall c) {
        String id = c.arg("booking_id");
        Map<String, Object> out = bookingCall(c, new BookingRequest(c.tenant().tenantId(), c.callId(),
                new GetBookingStatusQuery(id == null ? "" : id, c.fromNumber())), id, "get_booking_status");
        if (c.fromNumber() == null && "not_found".equals(out.get("error_code"))) {
            // a booking of another call is found by the caller's number only: without it, "no appointment" would not be true
            out.put("message", PhoneQuestions.withheld("Ihnen zu diesem Termin keine Auskunft geben"));
        }
        return out;
    }

    /** The appointment a cancel or reschedule names ({@code booking_id}, or {@code date} + {@code time}?), or what to ask back. */
    private NamedAppointment named(FunctionCall c, String verb) {
        GermanDateParser.Result w = c.arg("date") == null ? new GermanDateParser.Result(null, null, null) : when(c, "date", "time");
        return NamedAppointment.of(c.arg("booking_id"), w, c.fromNumber() != null, dates(c), verb);
    }

    private Map<String, Object> cancel(FunctionCall c) {
        NamedAppointment a = named(c, "absagen");
        if (a.askBack() != null) {
            return a.askBack();
        }
        // only the caller's own number (Retell's call.from_number), never a number the caller says:
        // a booking is cancelled only by whoever booked it (or within the call that made it)
        CancelBookingCommand cmd = new CancelBookingCommand(a.bookingId(), a.date(), a.time(), c.fromNumber(), c.arg("reason"),
                a.earliest(), a.latest(), a.lastDate());
        return a.notFoundSaid(bookingCall(c, new BookingRequest(c.tenant().tenantId(), c.callId(), cmd), a.bookingId(),
                "cancel_appointment", a.byDate() ? CANCEL_BY_DATE_STILL_RUNNING : STILL_RUNNING), dates(c));
    }

    /**
     * reschedule_appointment (DESIGN §8; {@code booking_id}? or {@code date} + {@code time}?,
     * {@code new_date}, {@code new_time}, {@code reason}?): the appointment is named as for a
     * cancel; the new time needs a day and an exact time. {@code new_date} defaults to the
     * appointment's {@code date} ("auf 15 Uhr" the same day).
     */
    private Map<String, Object> reschedule(FunctionCall c) {
        NamedAppointment a = named(c, "verschieben");
        if (a.askBack() != null) {
            return a.askBack();
        }
        String newDay = c.arg("new_date") != null ? c.arg("new_date") : a.said().days() == null ? c.arg("date") : null;
        GermanDateParser.Result n = whenSaid(c, newDay, c.arg("new_time"));
        Map<String, Object> askedBack = dates(c).newTimeMissing(n);
        if (askedBack != null) {
            return askedBack;
        }
        RescheduleBookingCommand cmd = new RescheduleBookingCommand(a.bookingId(), a.date(), a.time(), c.fromNumber(), c.arg("reason"),
                a.earliest(), a.latest(), a.lastDate(), n.date(), n.time().toString());
        return a.notFoundSaid(bookingCall(c, new BookingRequest(c.tenant().tenantId(), c.callId(), cmd), a.bookingId(),
                r -> speech(c).reschedule(r, n.date(), n.time()), a.byDate() ? RESCHEDULE_BY_DATE_STILL_RUNNING : STILL_RUNNING), dates(c));
    }

    /**
     * request_callback (DESIGN §8; {@code phone}?, {@code preferred_time}?, {@code reason}?,
     * {@code name}?): customer-service notes it for the team, one per call; {@code phone}
     * defaults to the caller's own number.
     */
    private Map<String, Object> requestCallback(FunctionCall c) {
        String said = c.arg("phone");
        Optional<String> phone = PhoneNumbers.toE164(said != null ? said : c.fromNumber(), FunctionCall.PHONE_REGION);
        if (phone.isEmpty()) {
            return PhoneQuestions.askForCallbackNumber(said != null, c.fromNumber() == null);
        }
        boolean own = phone.get().equals(c.fromNumber());
        String preferred = c.arg("preferred_time");
        RequestCallbackCommand cmd = new RequestCallbackCommand(c.callId(), phone.get(), own, c.arg("name"), preferred, c.arg("reason"));
        // keyed by the call: a repeat in the same call stays in order behind the first (never by the number: keys are logged)
        return spoken(ask(c, Topics.CUSTOMER_REQUESTS, new CustomerRequest(c.tenant().tenantId(), cmd),
                c.callId() != null ? c.callId() : c.context().messageId()),
                CallbackResult.class, r -> CallbackSentences.answer(r, PhoneNumbers.dialled(phone.get(), FunctionCall.PHONE_REGION), own,
                        preferred != null && !preferred.isBlank()), CallbackSentences::notStored);
    }

    private Map<String, Object> appointments(FunctionCall c) {
        // only the caller's own number: a number the caller says would read out someone else's appointments
        if (c.fromNumber() == null) {
            return PhoneQuestions.numberWithheld("Ihre Termine am Telefon nicht nachsehen");
        }
        return spoken(ask(c, Topics.BOOKING_REQUESTS, new BookingRequest(c.tenant().tenantId(), c.callId(), new GetAppointmentsQuery(c.fromNumber()))),
                AppointmentsResult.class, speech(c)::appointments, () -> busy(c));
    }

    /** A booking command or query: its reply, or, when the budget runs out, "still in progress" with the booking id. */
    private Map<String, Object> bookingCall(FunctionCall c, BookingRequest req, String bookingId, String function) {
        return bookingCall(c, req, bookingId, function, STILL_RUNNING);
    }

    /** As above; {@code stillRunning} is what the agent says when the budget runs out (error_code {@code pending}). */
    private Map<String, Object> bookingCall(FunctionCall c, BookingRequest req, String bookingId, String function, String stillRunning) {
        return bookingCall(c, req, bookingId, r -> speech(c).booking(r, function), stillRunning);
    }

    /** As above, the reply spoken by {@code speak}. */
    private Map<String, Object> bookingCall(FunctionCall c, BookingRequest req, String bookingId, Function<BookingResult, Map<String, Object>> speak,
                                            String stillRunning) {
        return spoken(ask(c, Topics.BOOKING_REQUESTS, req, bookingId != null ? bookingId : c.context().messageId()),
                BookingResult.class, speak, () -> {
                    Map<String, Object> out = SpokenAnswers.error("pending", stillRunning);
                    out.put("booking_id", bookingId);
                    return out;
                });
    }

    /**
     * What the agent says to a reply: the typed result spoken, a service's FailureResult (or a
     * reply of the wrong type) as a technical problem, no reply in time as {@code noReply}.
     */
    private <T> Map<String, Object> spoken(Optional<FunctionReply> reply, Class<T> type, Function<T, Map<String, Object>> speak,
                                           Supplier<Map<String, Object>> noReply) {
        if (reply.isEmpty()) {
            return noReply.get();
        }
        Object payload = reply.get().getPayload();
        if (type.isInstance(payload)) {
            return speak.apply(type.cast(payload));
        }
        String code = payload instanceof FailureResult f ? f.getCode() : "unexpected_reply";
        log.warn("expected a {} but the service answered {} ({})", type.getSimpleName(), code,
                payload instanceof FailureResult f ? f.getDetail() : payload == null ? null : payload.getClass().getSimpleName());
        return SpokenAnswers.technicalProblem(code);
    }

    /** A query: keyed by its message id, so queries spread over all partitions (they need no order). */
    private Optional<FunctionReply> ask(FunctionCall c, String topic, SpecificRecord request) {
        return ask(c, topic, request, c.context().messageId());
    }

    /** A command: keyed by what it changes (the booking id), so commands on one booking stay in order. */
    private Optional<FunctionReply> ask(FunctionCall c, String topic, SpecificRecord request, String key) {
        return kafka.request(topic, key, request, c.context(), timeout(c.name()));
    }

    Duration timeout(String function) {
        return Duration.ofMillis(timeoutsMs.getOrDefault(function, timeoutsMs.getOrDefault("default", 1500L)));
    }

    /** A query's budget ran out: try again, or from the call's second time-out on, a callback offered ({@link OutageSentences}). */
    private Map<String, Object> busy(FunctionCall c) {
        return OutageSentences.busy(timeouts.another(c.callId()));
    }
}
