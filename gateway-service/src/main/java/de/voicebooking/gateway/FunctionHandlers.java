package de.voicebooking.gateway;

import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import de.voicebooking.avro.AvailabilityRequest;
import de.voicebooking.avro.CallbackResult;
import de.voicebooking.avro.CustomerRequest;
import de.voicebooking.avro.CustomerResult;
import de.voicebooking.avro.ListServicesQuery;
import de.voicebooking.avro.ListStaffQuery;
import de.voicebooking.avro.LookupCustomerQuery;
import de.voicebooking.avro.RequestCallbackCommand;
import de.voicebooking.avro.ServicesResult;
import de.voicebooking.avro.StaffResult;
import de.voicebooking.gateway.domain.CallbackSentences;
import de.voicebooking.gateway.domain.CustomerSentences;
import de.voicebooking.gateway.domain.DateQuestions;
import de.voicebooking.gateway.domain.GermanDateParser;
import de.voicebooking.gateway.domain.GermanSpeech;
import de.voicebooking.gateway.domain.PhoneQuestions;
import de.voicebooking.gateway.domain.SpokenAnswers;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.phone.PhoneNumbers;

/**
 * The Retell functions (DESIGN §8) by name: each turns string arguments into a typed request,
 * asks the owning service through {@link SpokenRequests} within the function's time budget, and
 * renders the reply for speech. The booking functions are {@link BookingFunctions}, the
 * availability functions {@link AvailabilityFunctions}; the greeting, the customer check,
 * services, staff, dates and callbacks are here. Unknown names are answered with a sentence,
 * never an error status.
 */
@Component
public class FunctionHandlers {
    private final SpokenRequests requests;
    private final AvailabilityFunctions availability;
    private final BookingFunctions bookings;

    public FunctionHandlers(SpokenRequests requests, AvailabilityFunctions availability, BookingFunctions bookings) {
        this.requests = requests;
        this.availability = availability;
        this.bookings = bookings;
    }

    /** Runs function {@code call.name()}; never throws for bad input. */
    public Map<String, Object> handle(FunctionCall call) {
        return switch (call.name()) {
            case "initialize_call" -> initializeCall(call);
            case "check_customer" -> checkCustomer(call);
            case "list_services", "get_available_services" -> listServices(call);
            case "list_staff" -> listStaff(call);
            case "parse_date" -> parseDate(call);
            case "check_availability" -> availability.check(call);
            case "check_availability_batch" -> availability.batch(call);
            case "get_alternatives" -> availability.alternatives(call);
            case "find_next_available" -> availability.nextAvailable(call);
            case "start_booking" -> bookings.start(call);
            case "book_appointment" -> bookings.book(call);
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
        Optional<CustomerResult> customer = customer(c);
        boolean known = customer.map(CustomerResult::getKnown).orElse(false);
        String name = customer.map(CustomerSentences::name).orElse(null);
        String greetedAs = CustomerSentences.greetedAs(name);
        String greeting = "Herzlich willkommen bei " + t.config().getName() + "."
                + (known ? " Schön, dass Sie wieder anrufen" + (greetedAs != null ? ", " + greetedAs : "") + "." : "") + " Wie kann ich Ihnen helfen?";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message", greeting);
        out.put("business_name", t.config().getName());
        out.put("customer_known", known);
        out.put("customer_name", name);
        out.put("today", GermanSpeech.fullDate(now.toLocalDate()));
        out.put("current_time", GermanSpeech.time(now.toLocalTime().withSecond(0).withNano(0)));
        return out;
    }

    /**
     * check_customer (DESIGN §8): whether customer-service knows the caller's own number
     * (Retell's {@code call.from_number}, never a number said: it would read out someone else's
     * name): {@code customer_known}, {@code customer_name} ({@link CustomerSentences}).
     */
    private Map<String, Object> checkCustomer(FunctionCall c) {
        if (c.fromNumber() == null) {
            return CustomerSentences.withheld();
        }
        return requests.query(c, Topics.CUSTOMER_REQUESTS, new CustomerRequest(c.tenant().tenantId(), new LookupCustomerQuery(c.fromNumber())),
                CustomerResult.class, CustomerSentences::answer);
    }

    /** The caller by their own number, empty when it is withheld or customer-service did not answer in time. */
    private Optional<CustomerResult> customer(FunctionCall c) {
        return c.fromNumber() == null ? Optional.empty()
                : requests.ask(c, Topics.CUSTOMER_REQUESTS, new CustomerRequest(c.tenant().tenantId(), new LookupCustomerQuery(c.fromNumber())))
                .map(r -> r.getPayload() instanceof CustomerResult cr ? cr : null);
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

    /**
     * request_callback (DESIGN §8; {@code phone}?, {@code preferred_time}?, {@code reason}?,
     * {@code name}?): customer-service notes it for the team, one per call; {@code phone}
     * defaults to the caller's own number.
     */
    private Map<String, Object> requestCallback(FunctionCall c) {
        String said = c.phoneArg();
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
