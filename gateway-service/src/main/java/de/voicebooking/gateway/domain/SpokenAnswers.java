package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import de.voicebooking.avro.AppointmentInfo;
import de.voicebooking.avro.AppointmentsResult;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.Candidate;
import de.voicebooking.avro.OwnAppointment;
import de.voicebooking.avro.ServiceInfo;
import de.voicebooking.avro.ServicesResult;

/**
 * Turns typed results into the JSON Retell gets (DESIGN §8): {@code success}, one German
 * sentence in {@code message} written for speech, and the function's fields. Pure; dates are
 * spoken in the tenant's zone relative to {@code today}.
 */
public final class SpokenAnswers {
    /** booking-service's reason for a request the business declined in Cal.com (calcom-api-v2.md §4.7). */
    private static final String DECLINED_IN_CALENDAR = "declined_in_calendar";
    /** booking-service's reason for a hold whose member Cal.com's round robin may replace (no own event type). */
    private static final String HOST_NOT_GUARANTEED = "host_not_guaranteed";
    /** booking-service's reason for a cancel by date that fits several of the caller's appointments. */
    private static final String AMBIGUOUS_APPOINTMENT = "ambiguous_appointment";
    /** booking-service's reason for a start whose time the caller's own appointment takes. */
    private static final String OWN_APPOINTMENT = "own_appointment";
    /** booking-service's reason for a start whose time a hold made earlier in the same call takes. */
    private static final String HELD_IN_CALL = "held_in_call";
    /** A service the tenant's catalogue does not know: said so, and the way on. */
    static final String UNKNOWN_SERVICE = "Diese Leistung kenne ich leider nicht. Welche Leistung möchten Sie? Ich kann Ihnen auch sagen, was wir anbieten.";
    private final ZoneId zone;
    private final LocalDate today;
    private final Function<String, String> appointmentPhrase;

    /** Services follow "Termin" as "für &lt;name&gt;". */
    public SpokenAnswers(ZoneId zone, LocalDate today) {
        this(zone, today, name -> null);
    }

    /**
     * @param appointmentPhrase a service's name → how it follows "Termin" ("für einen
     *                          Damenschnitt", "zum Färben": the manifest's {@code appointmentPhrase}),
     *                          or null for "für &lt;name&gt;"
     */
    public SpokenAnswers(ZoneId zone, LocalDate today, Function<String, String> appointmentPhrase) {
        this.zone = zone;
        this.today = today;
        this.appointmentPhrase = appointmentPhrase;
    }

    /** " für einen Damenschnitt" (with a leading space) for a service's name; "" for none. */
    private String forService(String name) {
        if (name == null) {
            return "";
        }
        String phrase = appointmentPhrase.apply(name);
        return " " + (phrase == null || phrase.isBlank() ? "für " + name : phrase.trim());
    }

    /** " bei Tom" (with a leading space) for a staff member's full name; "" for none. */
    private static String withStaff(String staffName) {
        return staffName == null ? "" : " bei " + GermanSpeech.firstName(staffName);
    }

    /** A failure the agent can say: {@code success=false}, {@code error_code}, {@code message}. */
    public static Map<String, Object> error(String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", false);
        m.put("error_code", code);
        m.put("message", message);
        return m;
    }

    /** A service could not handle the request (its FailureResult {@code code}): nothing was done. */
    public static Map<String, Object> technicalProblem(String code) {
        return error(code, "Das kann ich gerade leider nicht erledigen, es gibt ein technisches Problem. Bitte versuchen Sie es später noch einmal.");
    }

    static Map<String, Object> ok(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        m.put("message", message);
        return m;
    }

    private String when(LocalDate d, LocalTime t) {
        return GermanSpeech.dateTime(d, t, today.getYear());
    }

    /** list_services: with a query, which service was meant (match/ambiguous/none). */
    public Map<String, Object> services(ServicesResult r, String query) {
        List<Map<String, Object>> services = r.getServices().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.getId());
            m.put("name", s.getName());
            m.put("duration_minutes", s.getDurationMinutes());
            m.put("price", GermanSpeech.price(s.getPriceCents()));
            return m;
        }).toList();
        List<String> names = r.getServices().stream().map(ServiceInfo::getName).toList();
        Map<String, Object> out;
        if (r.getOutcome() == null && names.isEmpty()) {
            out = ok("Was darf es denn sein?");
        } else if (r.getOutcome() == null && names.size() <= 4) {
            out = ok("Wir bieten " + GermanSpeech.list(names) + " an. Was darf es sein?");
        } else if (r.getOutcome() == null) {
            out = ok("Wir bieten " + names.size() + " Leistungen an, zum Beispiel " + GermanSpeech.list(names.stream().limit(4).toList())
                    + ". Was darf es sein?");
        } else if ("match".equals(r.getOutcome())) {
            Candidate c = r.getCandidates().get(0);
            ServiceInfo s = r.getServices().stream().filter(x -> x.getId().equals(c.getId())).findFirst().orElseThrow();
            out = ok("Gerne, " + s.getName() + ": das dauert etwa " + GermanSpeech.duration(s.getDurationMinutes()) + pricePhrase(s.getPriceCents()) + ".");
            out.put("match", Map.of("id", c.getId(), "name", c.getName()));
        } else if ("ambiguous".equals(r.getOutcome())) {
            out = ok(GermanSpeech.whichOf(r.getCandidates().stream().map(Candidate::getName).toList()));
            out.put("match", null);
        } else {
            out = ok("Das bieten wir leider nicht an. Wir haben zum Beispiel " + GermanSpeech.list(names.stream().limit(3).toList()) + ".");
            out.put("match", null);
        }
        if (r.getOutcome() != null) {
            out.put("outcome", r.getOutcome());
            out.put("candidates", r.getCandidates().stream().map(c -> Map.of("id", c.getId(), "name", c.getName(), "score", c.getScore())).toList());
            out.put("query", query);
        }
        out.put("services", services);
        return out;
    }

    /** " und kostet 45 Euro", " und ist kostenlos", or nothing without a price. */
    private static String pricePhrase(Integer cents) {
        if (cents == null) {
            return "";
        }
        return cents == 0 ? " und ist kostenlos" : " und kostet " + GermanSpeech.price(cents);
    }

    /**
     * check_availability: is the wish free, the day's free times, ranked alternatives. A free
     * time known only from a stale answer ({@code stale}, DESIGN §6) is said with "nach meinem
     * letzten Stand": the booking itself will tell.
     */
    public Map<String, Object> availability(AvailabilityResult r) {
        return availability(r, null);
    }

    /**
     * As {@link #availability(AvailabilityResult)} for a question about a window of times ({@code
     * window}, null for none), whose free starts {@code r} lists: "Am Montag, den 23. November,
     * sind nach 17 Uhr noch Termine für einen Herrenschnitt frei, um 17:30 Uhr oder 18 Uhr.", "…
     * ist nachmittags leider kein Termin für einen Herrenschnitt frei. Ich kann Ihnen …".
     */
    public Map<String, Object> availability(AvailabilityResult r, TimeWindow window) {
        String within = window == null ? "" : " " + window.spoken();
        LocalTime wish = r.getTime() == null ? null : LocalTime.parse(r.getTime());
        List<Map<String, Object>> alternatives = r.getAlternatives().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", a.getDate().toString());
            m.put("time", a.getTime());
            m.put("description", when(a.getDate(), LocalTime.parse(a.getTime())));
            return m;
        }).toList();
        Map<String, Object> out;
        if ("ambiguous_service".equals(r.getProblem())) {
            out = error("ambiguous_service", GermanSpeech.whichOf(r.getCandidates()));
        } else if ("unknown_service".equals(r.getProblem())) {
            // truthful: not "we do not offer it" (the words may just not be understood), and the way on (list_services)
            out = error(r.getProblem(), UNKNOWN_SERVICE);
        } else if ("service_required".equals(r.getProblem())) {
            out = error(r.getProblem(), "Für welche Leistung möchten Sie einen Termin?");
        } else if (StaffWishSentences.isStaffProblem(r.getProblem())) {
            out = error(r.getProblem(), StaffWishSentences.refused(r.getProblem(), forService(r.getServiceName()), r.getStaffName(),
                    r.getCandidates()));
        } else {
            // the member the caller asked for, if any: "bei Tom"
            String with = withStaff(r.getStaffName());
            String service = forService(r.getServiceName()) + with;
            // from an old snapshot or the opening hours only (Cal.com did not answer in time): promise less
            String hedge = Boolean.TRUE.equals(r.getStale()) ? " nach meinem letzten Stand" : "";
            String slot = hedge + with + " noch ein Termin" + forService(r.getServiceName());
            String day = GermanSpeech.date(r.getDate(), today.getYear());
            String offer = alternatives.isEmpty() ? " In den nächsten Tagen finde ich leider keinen freien Termin."
                    : " Ich kann Ihnen " + GermanSpeech.offers(r.getAlternatives().stream().map(a -> a.getDate().atTime(LocalTime.parse(a.getTime())))
                    .toList(), r.getDate(), today.getYear()) + " anbieten.";
            if ("closed".equals(r.getProblem())) {
                out = ok("Am " + day + ", haben wir geschlossen." + offer);
            } else if (wish != null && r.getAvailable()) {
                out = ok("Am " + when(r.getDate(), wish) + " ist" + slot + " frei.");
            } else if (wish != null) {
                out = ok("Am " + when(r.getDate(), wish) + " ist leider kein Termin" + service + " frei." + offer);
            } else if (r.getAvailable() && r.getSlots().size() == 1) {
                out = ok("Am " + day + ", ist" + hedge + with + within + " nur noch ein Termin" + forService(r.getServiceName()) + " frei, "
                        + FreeTimes.spoken(List.of(LocalTime.parse(r.getSlots().get(0)))) + ".");
            } else if (r.getAvailable()) {
                out = ok("Am " + day + ", sind" + hedge + with + within + " noch Termine" + forService(r.getServiceName()) + " frei, "
                        + FreeTimes.spoken(r.getSlots().stream().map(LocalTime::parse).toList()) + ".");
            } else if (r.getDate().equals(today)) { // booked up, or the rest of the day is after closing time: both true
                out = ok("Heute ist" + within + service + " leider kein Termin mehr frei." + offer);
            } else if (window != null) {
                out = ok("Am " + day + ", ist" + within + " leider kein Termin" + service + " frei." + offer);
            } else {
                out = ok("Am " + day + ", ist" + service + " leider alles belegt." + offer);
            }
        }
        out.put("available", r.getAvailable());
        out.put("date", r.getDate().toString());
        out.put("time", r.getTime());
        out.put("service", r.getServiceName());
        out.put("slots", r.getSlots());
        out.put("alternatives", alternatives);
        out.put("stale", r.getStale());
        return out;
    }

    /** start_booking, confirm_booking, get_booking_status, cancel_appointment. */
    public Map<String, Object> booking(BookingResult r, String function) {
        String what = "Ihr Termin" + forService(r.getServiceName());
        String at = r.getStart() == null ? "" : " am " + when(r.getStart().atZone(zone).toLocalDate(), r.getStart().atZone(zone).toLocalTime());
        String with = withStaff(r.getStaffName());
        String reason = r.getReason() == null ? "" : r.getReason();
        Map<String, Object> out = switch (r.getStatus()) {
            // a member asked for whom Cal.com's round robin may replace: no promise the confirmation may break
            case "HELD" -> ok(held(r, at, with, reason));
            case "CONFIRMING" -> error("pending", "Die Buchung läuft noch, einen Moment bitte.");
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
            case "CANCELLED" -> DECLINED_IN_CALENDAR.equals(reason)
                    ? ok(what + at + " wurde vom Team leider abgelehnt, er ist nicht gebucht. Soll ich einen anderen Termin suchen?")
                    : ok(what + at + " ist storniert.");
            case "EXPIRED" -> error("hold_expired", "Die Reservierung ist leider abgelaufen, der Termin ist nicht gebucht. Soll ich noch einmal nachsehen, ob er frei ist?");
            case "NOT_FOUND" -> error("not_found", "Ich habe dazu leider keinen Termin gefunden.");
            default -> AMBIGUOUS_APPOINTMENT.equals(reason)
                    ? error(reason, whichAppointment(r.getCandidates()))
                    : OWN_APPOINTMENT.equals(reason)
                    ? error(reason, OwnAppointmentSentences.timeTaken(ownDay(r), mine(r)))
                    : HELD_IN_CALL.equals(reason) && !r.getOwnAppointments().isEmpty()
                    ? heldInCall(r)
                    : "cancel_appointment".equals(function)
                    ? error("not_booked", "Dieser Termin ist nicht gebucht, es gibt also nichts zu stornieren.")
                    : "ambiguous_service".equals(reason)
                    ? error(reason, GermanSpeech.whichOf(r.getCandidates()))
                    : StaffWishSentences.isStaffProblem(reason)
                    ? error(reason, StaffWishSentences.refused(reason, forService(r.getServiceName()), r.getStaffName(), r.getCandidates()))
                    : rejected(reason, at);
        };
        out.put("booking_id", r.getBookingId());
        out.put("status", status(r.getStatus(), r.getAwaitingConfirmation()));
        if (r.getStart() != null) {
            out.put("date", r.getStart().atZone(zone).toLocalDate().toString());
            out.put("time", r.getStart().atZone(zone).toLocalTime().toString());
        }
        out.put("service", r.getServiceName());
        out.put("staff", r.getStaffName());
        return out;
    }

    /**
     * A hold's answer: what is held, then, for a member asked for whom Cal.com's round robin may
     * replace ({@value #HOST_NOT_GUARANTEED}), that no promise is made, and the caller's other
     * appointments that day ({@link OwnAppointmentSentences#withHold}); the question whether to book last.
     */
    private String held(BookingResult r, String at, String with, String reason) {
        // a member asked for whom Cal.com's round robin may replace: no promise the confirmation may break
        boolean noPromise = HOST_NOT_GUARANTEED.equals(reason) && r.getStaffName() != null;
        String held = "Ich habe Ihnen den Termin" + forService(r.getServiceName()) + at + (noPromise ? "" : with) + " vorgemerkt. "
                + (noPromise ? GermanSpeech.firstName(r.getStaffName()) + " kann ich Ihnen dafür leider nicht fest zusagen, wer Sie bedient, "
                + "teilt unser Kalender beim Buchen zu. " : "");
        return held + (r.getOwnAppointments().isEmpty() ? "Soll ich ihn verbindlich buchen?" : OwnAppointmentSentences.withHold(mine(r)));
    }

    /** The caller's other appointments of a booking answer, as spoken ("um 14 Uhr", "für einen Herrenschnitt bei Max"). */
    private List<OwnAppointmentSentences.Mine> mine(BookingResult r) {
        return r.getOwnAppointments().stream().map(a -> new OwnAppointmentSentences.Mine("um " + GermanSpeech.time(a.getStart().atZone(zone)
                .toLocalTime()), (forService(a.getServiceName()) + withStaff(a.getStaffName())).trim(), a.getOverlaps())).toList();
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
                .map(a -> GermanSpeech.date(a.getStart().atZone(zone).toLocalDate(), today.getYear())).orElse("");
    }

    /**
     * A cancel by date that fits several of the caller's appointments ({@code starts}: their
     * tenant-local ISO date-times, one day): "Sie haben am Montag, den 23. November, zwei Termine.
     * Welchen möchten Sie absagen, den um 11 Uhr oder den um 11:30 Uhr?"
     */
    private String whichAppointment(List<String> starts) {
        List<LocalDateTime> times = starts.stream().map(LocalDateTime::parse).toList();
        List<String> which = times.stream().map(t -> "den um " + GermanSpeech.time(t.toLocalTime())).distinct().toList();
        String day = GermanSpeech.date(times.get(0).toLocalDate(), today.getYear());
        return "Sie haben am " + day + ", " + GermanSpeech.count(times.size()) + " Termine. Welchen möchten Sie absagen"
                + (which.size() > 1 ? ", " + GermanSpeech.alternatives(which) : "") + "?";
    }

    /** The {@code status} field: the booking's state in lower case, {@code requested} while the business must still confirm it. */
    private static String status(String state, boolean awaitingConfirmation) {
        return awaitingConfirmation ? "requested" : state.toLowerCase();
    }

    private static Map<String, Object> rejected(String reason, String at) {
        return switch (reason) {
            case "slot_taken" -> error(reason, "Dieser Termin ist leider gerade vergeben worden und wurde nicht gebucht. Soll ich eine andere Zeit suchen?");
            case "in_the_past" -> error(reason, "Dieser Zeitpunkt liegt in der Vergangenheit. Welcher Tag passt Ihnen?");
            case "too_short_notice" -> error(reason, "So kurzfristig kann ich leider keinen Termin mehr buchen. Passt Ihnen eine spätere Zeit?");
            case "closed" -> error(reason, "An diesem Tag haben wir geschlossen. Welcher andere Tag passt Ihnen?");
            case "outside_hours" -> error(reason, "Zu dieser Zeit haben wir leider nicht geöffnet. Welche andere Uhrzeit passt Ihnen?");
            case "unknown_service" -> error(reason, UNKNOWN_SERVICE);
            case "service_required" -> error(reason, "Für welche Leistung möchten Sie den Termin?");
            case "declined_by_caller" -> error(reason, "In Ordnung, ich habe den Termin nicht gebucht.");
            case "customer_rejected" -> error(reason, "Mit dieser Telefonnummer kann ich leider nicht buchen. Unter welcher Nummer erreichen wir Sie?");
            default -> error(reason.isEmpty() ? "not_booked" : reason,
                    "Ich konnte den Termin" + at + " leider nicht im Kalender eintragen, er ist nicht gebucht. Soll ich es noch einmal versuchen?");
        };
    }

    /**
     * get_customer_appointments: the caller's upcoming appointments ({@code appointments}) and,
     * after them, the requests the business declined in Cal.com (status CANCELLED, reason
     * {@code declined_in_calendar}; listed under {@code declined} with status {@code cancelled}, as
     * get_booking_status gives it, not as appointments).
     */
    public Map<String, Object> appointments(AppointmentsResult r) {
        List<String> spoken = new ArrayList<>();
        List<String> declinedSpoken = new ArrayList<>();
        List<Map<String, Object>> list = new ArrayList<>();
        List<Map<String, Object>> declined = new ArrayList<>();
        for (AppointmentInfo a : r.getAppointments()) {
            var local = a.getStart().atZone(zone);
            String at = " am " + when(local.toLocalDate(), local.toLocalTime());
            String with = withStaff(a.getStaffName());
            boolean wasDeclined = "CANCELLED".equals(a.getStatus()) && DECLINED_IN_CALENDAR.equals(a.getReason());
            // a booking still under way is not read out as if it were settled
            String pending = switch (a.getStatus()) {
                // "dieser Termin", not "der"/"den": those would refer to the service's name, whatever its gender
                case "CONFIRMING" -> ", dieser Termin wird gerade noch gebucht";
                case "CANCEL_PENDING" -> ", dieser Termin wird gerade storniert";
                default -> a.getAwaitingConfirmation() ? ", diesen Termin muss das Team noch bestätigen" : "";
            };
            if (wasDeclined) {
                declinedSpoken.add(forService(a.getServiceName()).strip() + at);
            } else {
                spoken.add(a.getServiceName() + at + with + pending);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("booking_id", a.getBookingId());
            m.put("date", local.toLocalDate().toString());
            m.put("time", local.toLocalTime().toString());
            m.put("service", a.getServiceName());
            m.put("staff", a.getStaffName());
            m.put("status", status(a.getStatus(), a.getAwaitingConfirmation()));
            (wasDeclined ? declined : list).add(m);
        }
        String text = spoken.isEmpty() ? "Ich finde unter Ihrer Nummer keine anstehenden Termine."
                : spoken.size() == 1 ? "Sie haben einen Termin: " + spoken.get(0) + "."
                : "Sie haben " + GermanSpeech.count(spoken.size()) + " Termine: " + GermanSpeech.list(spoken) + ".";
        if (!declinedSpoken.isEmpty()) {
            // "Ihre Anfrage(n) … hat das Team leider abgelehnt": das Team is the subject
            text += (declinedSpoken.size() == 1 ? " Ihre Anfrage " : " Ihre Anfragen ") + GermanSpeech.list(declinedSpoken)
                    + " hat das Team leider abgelehnt. Soll ich einen anderen Termin suchen?";
        }
        Map<String, Object> out = ok(text);
        out.put("appointments", list);
        if (!declined.isEmpty()) {
            out.put("declined", declined);
        }
        return out;
    }
}
