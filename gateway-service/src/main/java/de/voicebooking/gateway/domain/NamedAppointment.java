package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.OwnAppointment;

/**
 * Which appointment a cancel_appointment or reschedule_appointment means (DESIGN §8:
 * {@code booking_id}, or {@code date} + {@code time}?): by booking id, or by the day or days said
 * ("nächste Woche") and the time or window ("heute nachmittag"), looked up under the caller's own
 * number; or, when that cannot name one, the question to ask back ({@link #askBack}). Pure.
 *
 * @param bookingId the booking id said, or null (then by date)
 * @param said      the date and time said (all null for none)
 * @param askBack   the answer to give instead of a look-up, or null
 */
public record NamedAppointment(String bookingId, GermanDateParser.Result said, Map<String, Object> askBack) {

    /**
     * @param bookingId    the {@code booking_id} argument, or null
     * @param said         {@code date} and {@code time} parsed like parse_date (all null when no date was said)
     * @param callerKnown  whether Retell sent the caller's number ({@code call.from_number}): a look-up by date needs it
     * @param verb         what the caller wants to do with it, for the questions: "absagen", "verschieben"
     */
    public static NamedAppointment of(String bookingId, GermanDateParser.Result said, boolean callerKnown, DateQuestions dates, String verb) {
        Map<String, Object> asked = dates.askBack(said);
        if (asked == null && bookingId == null) {
            GermanDayRange.DayRange days = said.days();
            if (said.date() == null) {
                asked = SpokenAnswers.error("missing_details", "Welchen Termin möchten Sie " + verb + "?");
            } else if (dates.dayOver(said) || days != null && days.soonest()) {
                // "den Termin nächste Woche" is looked for in that week; "so bald wie möglich", a past day or a past week names no appointment
                asked = SpokenAnswers.error("day_required", dates.appointmentDayMissing(said, verb));
            } else if (!callerKnown) {
                // only the caller's own number (Retell's call.from_number), never a number the caller says
                asked = PhoneQuestions.numberWithheld("den Termin am Telefon nicht finden");
            }
        }
        return new NamedAppointment(bookingId, said, asked);
    }

    /** Whether the appointment is looked for by date (no booking id said). */
    public boolean byDate() {
        return bookingId == null;
    }

    /** The (first) day said, tenant-local, or null. */
    public LocalDate date() {
        return said.days() != null ? said.days().first() : said.date();
    }

    /** The last day of a range said, or null for a single day. */
    public LocalDate lastDate() {
        return said.days() == null ? null : said.days().last();
    }

    /** The start said, {@code HH:mm}, or null. */
    public String time() {
        return said.time() == null ? null : said.time().toString();
    }

    /** The first start of the window said ("nachmittags"), {@code HH:mm}, or null. */
    public String earliest() {
        return said.window() == null ? null : said.window().earliest().toString();
    }

    /** The last start of the window said, {@code HH:mm}, or null. */
    public String latest() {
        return said.window() == null ? null : said.window().latest().toString();
    }

    /**
     * The answer to a look-up by date that found nothing (NOT_FOUND): what was said, and the
     * caller's appointments on those days at other times ({@code r.ownAppointments}), asked
     * about: "Am Dienstag, den 24. November, um 9 Uhr finde ich unter Ihrer Nummer keinen Termin,
     * aber einen um 9:30 Uhr zum Bart trimmen bei Max. Meinen Sie den?"; several: "…, aber zwei
     * andere, um 9:30 Uhr … und um 14 Uhr …. Welchen davon meinen Sie?"; over a range each with
     * its day; more than {@value GermanSpeech#MOST_ASKED} are counted, not read out, and the day
     * and time asked for. Fields: error_code {@code not_found}, {@code other_appointments} [{booking_id,
     * date, time, service, staff}], by whose booking_id the agent goes on.
     */
    public Map<String, Object> notFound(BookingResult r, SpokenAnswers speech, DateQuestions dates) {
        String none = dates.noAppointmentIn(said);
        List<OwnAppointment> others = r.getOwnAppointments();
        if (others.isEmpty()) {
            return SpokenAnswers.error("not_found", none);
        }
        List<String> named = others.stream().map(a -> {
            ZonedDateTime at = a.getStart().atZone(speech.zone());
            return (said.days() == null ? "" : "am " + GermanSpeech.date(at.toLocalDate(), speech.today().getYear()) + ", ")
                    + "um " + GermanSpeech.time(at.toLocalTime()) + speech.forService(a.getServiceName()) + speech.withStaff(a.getStaffName());
        }).toList();
        String but = none.substring(0, none.length() - 1) + ", aber ";
        String message = others.size() == 1 ? but + "einen " + named.get(0) + ". Meinen Sie den?"
                : others.size() <= GermanSpeech.MOST_ASKED ? but + GermanSpeech.count(others.size()) + " andere, " + GermanSpeech.list(named)
                + ". Welchen davon meinen Sie?"
                // too many to read out on the phone: the day and time asked for instead
                : but + GermanSpeech.count(others.size()) + " andere. Sagen Sie mir bitte den Tag und die Uhrzeit des Termins, den Sie meinen.";
        Map<String, Object> out = SpokenAnswers.error("not_found", message);
        out.put("other_appointments", described(others, speech));
        return out;
    }

    /** The appointments as [{booking_id, date, time, service, staff}] (tenant-local), by whose booking_id the agent goes on. */
    static List<Map<String, Object>> described(List<OwnAppointment> appointments, SpokenAnswers speech) {
        return appointments.stream().map(a -> {
            ZonedDateTime at = a.getStart().atZone(speech.zone());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("booking_id", a.getBookingId());
            m.put("date", at.toLocalDate().toString());
            m.put("time", at.toLocalTime().toString());
            m.put("service", a.getServiceName());
            m.put("staff", a.getStaffName());
            return m;
        }).toList();
    }
}
