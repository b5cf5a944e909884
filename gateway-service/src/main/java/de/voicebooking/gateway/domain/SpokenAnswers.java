package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import de.voicebooking.avro.Alternative;
import de.voicebooking.avro.AppointmentInfo;
import de.voicebooking.avro.AppointmentsResult;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.Candidate;
import de.voicebooking.avro.ServiceInfo;
import de.voicebooking.avro.ServicesResult;
import de.voicebooking.avro.StaffResult;

/**
 * Turns typed results into the JSON Retell gets (DESIGN §8): {@code success}, one German
 * sentence in {@code message} written for speech, and the function's fields. Pure; dates are
 * spoken in the tenant's zone relative to {@code today}.
 */
public final class SpokenAnswers {
    /** booking-service's reason for a request the business declined in Cal.com (calcom-api-v2.md §4.7). */
    static final String DECLINED_IN_CALENDAR = "declined_in_calendar";
    /** A service the tenant's catalogue does not know: said so, and the way on. */
    static final String UNKNOWN_SERVICE = "Diese Leistung kenne ich leider nicht. Welche Leistung möchten Sie? Ich kann Ihnen auch sagen, was wir anbieten.";
    private final ZoneId zone;
    private final LocalDate today;
    private final Function<String, String> appointmentPhrase;

    /** The tenant's zone, in which instants are spoken. */
    ZoneId zone() {
        return zone;
    }

    /** The tenant's local date: a year is said only when it is not this one's. */
    LocalDate today() {
        return today;
    }

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
    String forService(String name) {
        if (name == null) {
            return "";
        }
        String phrase = appointmentPhrase.apply(name);
        return " " + (phrase == null || phrase.isBlank() ? "für " + name : phrase.trim());
    }

    /** " bei Tom" (with a leading space) for a staff member's full name; "" for none. */
    static String withStaff(String staffName) {
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

    String when(LocalDate d, LocalTime t) {
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

    /** list_staff: the team, who offers a service, whom a name means ({@link StaffSentences}); {@code query} the name asked about or null. */
    public Map<String, Object> staff(StaffResult r, String query) {
        return new StaffSentences(this).answer(r, query);
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
        return availability(r, window, null);
    }

    /**
     * As {@link #availability(AvailabilityResult, TimeWindow)}, and for a question about a range of
     * days ({@code r.lastDate} set; {@code days} as the caller said it, null for the soonest) the
     * first free start of each of its first days ({@link RangeSentences}), in {@code offers}
     * ([{date, time, description}]) beside {@code last_date}.
     */
    public Map<String, Object> availability(AvailabilityResult r, TimeWindow window, GermanDayRange.DayRange days) {
        String within = window == null ? "" : " " + window.spoken();
        LocalTime wish = r.getTime() == null ? null : LocalTime.parse(r.getTime());
        List<Map<String, Object>> alternatives = described(r.getAlternatives());
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
        } else if (r.getLastDate() != null) {
            out = ok(new RangeSentences(this).spoken(r, window, days));
        } else {
            // the member the caller asked for, if any: "bei Tom"
            String with = withStaff(r.getStaffName());
            String service = forService(r.getServiceName()) + with;
            // from an old snapshot or the opening hours only (Cal.com did not answer in time): promise less
            String hedge = Boolean.TRUE.equals(r.getStale()) ? " nach meinem letzten Stand" : "";
            String slot = hedge + with + " noch ein Termin" + forService(r.getServiceName());
            String day = GermanSpeech.date(r.getDate(), today.getYear());
            String offer = offer(r.getAlternatives(), r.getDate());
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
        if (r.getLastDate() != null) {
            out.put("last_date", r.getLastDate().toString());
            out.put("offers", described(r.getOffers()));
        }
        out.put("stale", r.getStale());
        return out;
    }

    /**
     * " Ich kann Ihnen am selben Tag um 15 Uhr, oder Dienstag, den 24. November, um 14 Uhr
     * anbieten." ({@code sameDay}: the day asked about, null for none), or with none " In den
     * nächsten Tagen finde ich leider keinen freien Termin."; with a leading space.
     */
    String offer(List<Alternative> times, LocalDate sameDay) {
        return times.isEmpty() ? " In den nächsten Tagen finde ich leider keinen freien Termin."
                : " Ich kann Ihnen " + offered(times, sameDay) + " anbieten.";
    }

    /** "am selben Tag um 15 Uhr, oder Dienstag, den 24. November, um 14 Uhr" ({@link GermanSpeech#offers}). */
    private String offered(List<Alternative> times, LocalDate sameDay) {
        return GermanSpeech.offers(times.stream().map(a -> a.getDate().atTime(LocalTime.parse(a.getTime()))).toList(), sameDay, today.getYear());
    }

    /**
     * get_alternatives of a time that is free ({@code r} asked with {@code otherTimes}): its
     * {@code answer}, then the other times: "… ist noch ein Termin … frei. Sonst kann ich Ihnen am
     * selben Tag um 15 Uhr oder 11 Uhr anbieten."; {@code answer} unchanged otherwise.
     */
    public Map<String, Object> withOtherTimes(Map<String, Object> answer, AvailabilityResult r) {
        if (r.getAvailable() && r.getTime() != null && r.getLastDate() == null && !r.getAlternatives().isEmpty()) {
            answer.put("message", answer.get("message") + " Sonst kann ich Ihnen " + offered(r.getAlternatives(), r.getDate()) + " anbieten.");
        }
        return answer;
    }

    /** Times offered as [{date, time, description}], the description spoken ("Montag, den 23. November, um 10 Uhr"). */
    List<Map<String, Object>> described(List<Alternative> times) {
        return times.stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", a.getDate().toString());
            m.put("time", a.getTime());
            m.put("description", when(a.getDate(), LocalTime.parse(a.getTime())));
            return m;
        }).toList();
    }

    /** start_booking, confirm_booking, get_booking_status, cancel_appointment ({@link BookingAnswers}). */
    public Map<String, Object> booking(BookingResult r, String function) {
        return new BookingAnswers(this).booking(r, function);
    }

    /**
     * reschedule_appointment ({@link RescheduleAnswers}): {@code newDate} and {@code newTime}
     * (tenant-local) are the time the caller asked to move the appointment to.
     */
    public Map<String, Object> reschedule(BookingResult r, LocalDate newDate, LocalTime newTime) {
        return new BookingAnswers(this).reschedule(r, newDate, newTime);
    }

    /** The {@code status} field: the booking's state in lower case, {@code requested} while the business must still confirm it. */
    static String status(String state, boolean awaitingConfirmation) {
        return awaitingConfirmation ? "requested" : state.toLowerCase();
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
                case "RESCHEDULE_PENDING" -> ", dieser Termin wird gerade verschoben";
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
