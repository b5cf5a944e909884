package de.voicebooking.gateway;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import de.voicebooking.avro.AvailabilityRequest;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.CallbackResult;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.avro.CustomerRequest;
import de.voicebooking.avro.CustomerResult;
import de.voicebooking.avro.ListServicesQuery;
import de.voicebooking.avro.ListStaffQuery;
import de.voicebooking.avro.LookupCustomerQuery;
import de.voicebooking.avro.RequestCallbackCommand;
import de.voicebooking.avro.ServicesResult;
import de.voicebooking.avro.StaffResult;
import de.voicebooking.gateway.domain.CallbackSentences;
import de.voicebooking.gateway.domain.DateQuestions;
import de.voicebooking.gateway.domain.GermanDateParser;
import de.voicebooking.gateway.domain.GermanDayRange;
import de.voicebooking.gateway.domain.GermanSpeech;
import de.voicebooking.gateway.domain.PhoneQuestions;
import de.voicebooking.gateway.domain.SpokenAnswers;
import de.voicebooking.gateway.domain.TimeWindow;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.phone.PhoneNumbers;

/**
 * The Retell functions (DESIGN §8) by name: each turns string arguments into a typed request,
 * asks the owning service through {@link SpokenRequests} within the function's time budget, and
 * renders the reply for speech. The booking functions are {@link BookingFunctions}; the greeting,
 * services, staff, dates, availability and callbacks are here. Unknown names are answered with a
 * sentence, never an error status.
 */
@Component
public class FunctionHandlers {
    private final SpokenRequests requests;
    private final BookingFunctions bookings;

    public FunctionHandlers(SpokenRequests requests, BookingFunctions bookings) {
        this.requests = requests;
        this.bookings = bookings;
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
            case "start_booking" -> bookings.start(call);
            case "confirm_booking" -> bookings.confirm(call);
            case "get_booking_status" -> bookings.status(call);
            case "get_customer_appointments" -> bookings.appointments(call);
            case "cancel_appointment" -> bookings.cancel(call);
            case "reschedule_appointment" -> bookings.reschedule(call);
            case "request_callback" -> requestCallback(call);
            default -> SpokenAnswers.error("unknown_function", "Das kann ich am Telefon leider noch nicht erledigen.");
        };
    }

    private Map<String, Object> initializeCall(FunctionCall c) {
        var t = c.tenant();
        ZonedDateTime now = ZonedDateTime.now(t.zone());
        Optional<CustomerResult> customer = c.fromNumber() == null ? Optional.empty()
                : requests.ask(c, Topics.CUSTOMER_REQUESTS, new CustomerRequest(t.tenantId(), new LookupCustomerQuery(c.fromNumber())))
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
        return requests.query(c, Topics.AVAILABILITY_REQUESTS, new AvailabilityRequest(c.tenant().tenantId(), new ListServicesQuery(q)),
                ServicesResult.class, r -> c.speech().services(r, q));
    }

    /** list_staff (DESIGN §8): {@code query} a name the caller said, {@code service} a service they said; both optional. */
    private Map<String, Object> listStaff(FunctionCall c) {
        String q = c.arg("query");
        return requests.query(c, Topics.AVAILABILITY_REQUESTS, new AvailabilityRequest(c.tenant().tenantId(), new ListStaffQuery(q, c.arg("service"))),
                StaffResult.class, r -> c.speech().staff(r, q));
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

    private Map<String, Object> checkAvailability(FunctionCall c) {
        return availability(c, c.when("date", "time"), false);
    }

    /** find_next_available: the soonest free times from the day said (else today) on, or within the range of days said. */
    private Map<String, Object> findNextAvailable(FunctionCall c) {
        return availability(c, c.when("date", "time"), true);
    }

    /**
     * check_availability of {@code w}: one day, or a range of days said ("nächste Woche"); with
     * {@code soonest} a single day or none said is the start of {@link GermanDayRange#soonestFrom}.
     */
    private Map<String, Object> availability(FunctionCall c, GermanDateParser.Result w, boolean soonest) {
        Map<String, Object> askedBack = c.dates().askBack(w);
        if (askedBack != null) {
            return askedBack;
        }
        LocalDate today = c.today();
        if (w.date() == null && !soonest) {
            return SpokenAnswers.error("not_a_date", "Für welchen Tag soll ich nachsehen?");
        }
        if ("in_the_past".equals(w.error()) && w.date().isBefore(today)) {
            return SpokenAnswers.error("in_the_past", c.dates().dayPast(w));
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
        Map<String, Object> out = requests.query(c, Topics.AVAILABILITY_REQUESTS, new AvailabilityRequest(c.tenant().tenantId(), q),
                AvailabilityResult.class, r -> c.speech().availability(r, window, days));
        if (timePast) {
            out.put("message", c.dates().timePast(w.time()) + " " + out.get("message"));
        }
        return out;
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
        return requests.keyed(c, Topics.CUSTOMER_REQUESTS, new CustomerRequest(c.tenant().tenantId(), cmd),
                c.callId() != null ? c.callId() : c.context().messageId(), CallbackResult.class, r -> CallbackSentences.answer(r, PhoneNumbers.dialled(phone.get(), FunctionCall.PHONE_REGION), own,
                        preferred != null && !preferred.isBlank()), CallbackSentences::notStored);
    }
}
