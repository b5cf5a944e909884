package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /** get_customer_appointments: more than one beyond this many are counted, not read out. */
    static final int MOST_READ = 3;
    /** A service the tenant's catalogue does not know: said so, and the way on. */
    static final String UNKNOWN_SERVICE = "Diese Leistung kenne ich leider nicht. Welche Leistung möchten Sie? Ich kann Ihnen auch sagen, was wir anbieten.";
    private final ZoneId zone;
    private final LocalDate today;
    private final TenantFacts tenant;

    /** The tenant's zone, in which instants are spoken. */
    ZoneId zone() {
        return zone;
    }

    /** The tenant's local date: a year is said only when it is not this one's. */
    LocalDate today() {
        return today;
    }

    /** Knowing nothing of the tenant ({@link TenantFacts#NONE}). */
    public SpokenAnswers(ZoneId zone, LocalDate today) {
        this(zone, today, TenantFacts.NONE);
    }

    /** @param tenant what the sentences know of the tenant: appointment phrases, staff names, hours, service lengths */
    public SpokenAnswers(ZoneId zone, LocalDate today, TenantFacts tenant) {
        this.zone = zone;
        this.today = today;
        this.tenant = tenant;
    }

    /** What the sentences know of the tenant. */
    TenantFacts tenant() {
        return tenant;
    }

    /** " für einen Damenschnitt" (with a leading space) for a service's name; "" for none. */
    String forService(String name) {
        if (name == null) {
            return "";
        }
        String phrase = tenant.appointmentPhrase().apply(name);
        return " " + (phrase == null || phrase.isBlank() ? "für " + name : phrase.trim());
    }

    /** " bei Tom" (with a leading space) for a staff member's full name ({@link #staffName}); "" for none. */
    String withStaff(String staffName) {
        return staffName == null ? "" : " bei " + staffName(staffName);
    }

    /**
     * How a staff member is named: "Tom" or "Doktor Weber" ({@link GermanSpeech#spokenName}), or
     * the whole name ("Lisa Berg", "Doktor Anna Weber": {@link GermanSpeech#spokenFullName}) when
     * another of the tenant's staff would be said alike, so the caller can tell them apart; null
     * for null.
     */
    String staffName(String fullName) {
        if (fullName == null) {
            return null;
        }
        String spoken = GermanSpeech.spokenName(fullName);
        boolean alike = tenant.staffNames().stream().anyMatch(other -> !other.trim().equalsIgnoreCase(fullName.trim())
                && spoken.equalsIgnoreCase(GermanSpeech.spokenName(other)));
        return alike ? GermanSpeech.spokenFullName(fullName) : spoken;
    }

    /**
     * Names for a list of staff ({@link #staffName} each), or all by their whole names when two
     * of them, or one and {@code asked} (a member named just before; may be null), would
     * still be said alike.
     */
    List<String> staffNames(List<String> fullNames, String asked) {
        List<String> spoken = fullNames.stream().map(this::staffName).toList();
        List<String> all = new ArrayList<>(spoken);
        if (asked != null) {
            all.add(staffName(asked));
        }
        return all.stream().map(n -> n.toLowerCase(java.util.Locale.GERMAN)).distinct().count() == all.size() ? spoken
                : fullNames.stream().map(GermanSpeech::spokenFullName).toList();
    }

    /** A failure the agent can say: {@code success=false}, {@code error_code}, {@code message}. */
    public static Map<String, Object> error(String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", false);
        m.put("error_code", code);
        m.put("message", message);
        return m;
    }

    /**
     * The dialled number belongs to no tenant: {@code unknown_tenant}, that the line is not set
     * up, once every tenant is read ({@code tenantsLoaded}); before that (the gateway starting, or
     * Kafka not answering since it started) the number may be a tenant's not read yet, so it is a
     * technical problem ({@code unavailable}) and the caller is asked to call again shortly.
     */
    public static Map<String, Object> unknownNumber(boolean tenantsLoaded) {
        return tenantsLoaded ? error("unknown_tenant", "Entschuldigung, dieser Anschluss ist bei uns noch nicht eingerichtet.")
                : error("unavailable", "Entschuldigung, bei uns gibt es gerade ein technisches Problem. Bitte rufen Sie in ein paar Minuten noch einmal an.");
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
            // truthful: the words may just not be understood (as UNKNOWN_SERVICE), not "we do not offer it"
            out = ok("Das finde ich in unserem Angebot leider nicht. Wir haben zum Beispiel " + GermanSpeech.list(names.stream().limit(3).toList())
                    + ". Was darf es sein?");
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
     * check_availability: is the wish free, the day's free times, ranked alternatives
     * ({@link AvailabilitySentences}).
     */
    public Map<String, Object> availability(AvailabilityResult r) {
        return new AvailabilitySentences(this).availability(r, null, null);
    }

    /** As {@link #availability(AvailabilityResult)} for a window of times ({@code window}, null for none). */
    public Map<String, Object> availability(AvailabilityResult r, TimeWindow window) {
        return new AvailabilitySentences(this).availability(r, window, null);
    }

    /** As {@link #availability(AvailabilityResult, TimeWindow)}, and for a range of days ({@code days} as said, null for the soonest). */
    public Map<String, Object> availability(AvailabilityResult r, TimeWindow window, GermanDayRange.DayRange days) {
        return new AvailabilitySentences(this).availability(r, window, days);
    }

    /** get_alternatives of a free time: {@code answer} and the other times ({@link AvailabilitySentences#withOtherTimes}). */
    public Map<String, Object> withOtherTimes(Map<String, Object> answer, AvailabilityResult r) {
        return new AvailabilitySentences(this).withOtherTimes(answer, r);
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

    /**
     * Of appointments only counted, those still under way or to be confirmed, read out all the
     * same (" Darunter Krankengymnastik am …, dieser Termin wird gerade storniert."); "" for none.
     */
    private static String underWay(List<String> counted, List<Boolean> remarked) {
        List<String> named = java.util.stream.IntStream.range(0, counted.size()).filter(remarked::get).mapToObj(counted::get).toList();
        return named.isEmpty() ? "" : " Darunter " + GermanSpeech.clauses(named) + ".";
    }

    /** The day of the last of the appointments listed ({@code date} fields, earliest first). */
    private static LocalDate lastBooked(List<Map<String, Object>> listed) {
        return LocalDate.parse((String) listed.get(listed.size() - 1).get("date"));
    }

    /** The status field: the booking's state in lower case, {@code requested} while the business must still confirm it. */
    static String status(String state, boolean awaitingConfirmation) {
        return awaitingConfirmation ? "requested" : state.toLowerCase();
    }

    /**
     * get_customer_appointments: the caller's upcoming appointments ({@code appointments}; more
     * than {@value #MOST_READ} + 1 read out as the next {@value #MOST_READ} and a count up to the last) and,
     * after them, the requests the business declined in Cal.com (status CANCELLED, reason
     * {@code declined_in_calendar}; listed under {@code declined} with status {@code cancelled}, as
     * get_booking_status gives it, not as appointments).
     */
    public Map<String, Object> appointments(AppointmentsResult r) {
        List<String> spoken = new ArrayList<>();
        List<String> declinedSpoken = new ArrayList<>();
        List<Boolean> remarked = new ArrayList<>(); // per spoken appointment: whether it is still under way or to be confirmed
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
                remarked.add(!pending.isEmpty());
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
                : spoken.size() <= MOST_READ + 1 ? "Sie haben " + GermanSpeech.count(spoken.size()) + " Termine: " + GermanSpeech.clauses(spoken) + "."
                // a series (weekly treatments): the next ones read out, the rest counted up to the last
                : "Sie haben " + GermanSpeech.count(spoken.size()) + " Termine. Die nächsten " + GermanSpeech.count(MOST_READ) + ": "
                + GermanSpeech.clauses(spoken.subList(0, MOST_READ)) + ". Danach kommen noch " + GermanSpeech.count(spoken.size() - MOST_READ)
                + " weitere, bis " + GermanSpeech.date(lastBooked(list), today.getYear()) + "."
                + underWay(spoken.subList(MOST_READ, spoken.size()), remarked.subList(MOST_READ, remarked.size()));
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
