package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.voicebooking.avro.Alternative;
import de.voicebooking.avro.AvailabilityResult;

/**
 * check_availability's and get_alternatives' answers (DESIGN §6, §8): whether the wish is free,
 * the day's free times within a window, ranked alternatives, and for a range of days
 * {@link RangeSentences}. Written for speech; dates relative to the {@link SpokenAnswers}' today. Pure.
 */
final class AvailabilitySentences {
    private final SpokenAnswers speech;

    AvailabilitySentences(SpokenAnswers speech) {
        this.speech = speech;
    }

    /**
     * check_availability: is the wish free, the day's free times, ranked alternatives; for a
     * question about a window of times ({@code window}, null for none) its free starts ("Am
     * Montag, den 23. November, sind nach 17 Uhr noch Termine für einen Herrenschnitt frei, um
     * 17:30 Uhr oder 18 Uhr."); a free time known only from a stale answer ({@code stale}, DESIGN
     * §6) said with "nach meinem letzten Stand"; and for a question about a range of
     * days ({@code r.lastDate} set; {@code days} as the caller said it, null for the soonest) the
     * first free start of each of its first days ({@link RangeSentences}), in {@code offers}
     * ([{date, time, description}]) beside {@code last_date}.
     */
    Map<String, Object> availability(AvailabilityResult r, TimeWindow window, GermanDayRange.DayRange days) {
        String within = window == null ? "" : " " + window.spoken();
        LocalTime wish = r.getTime() == null ? null : LocalTime.parse(r.getTime());
        List<Map<String, Object>> alternatives = described(r.getAlternatives());
        Map<String, Object> out;
        if ("ambiguous_service".equals(r.getProblem())) {
            out = SpokenAnswers.error("ambiguous_service", GermanSpeech.whichOf(r.getCandidates()));
        } else if ("unknown_service".equals(r.getProblem())) {
            // truthful: not "we do not offer it" (the words may just not be understood), and the way on (list_services)
            out = SpokenAnswers.error(r.getProblem(), SpokenAnswers.UNKNOWN_SERVICE);
        } else if ("service_required".equals(r.getProblem())) {
            out = SpokenAnswers.error(r.getProblem(), "Für welche Leistung möchten Sie einen Termin?");
        } else if (StaffWishSentences.isStaffProblem(r.getProblem())) {
            out = SpokenAnswers.error(r.getProblem(), StaffWishSentences.refused(speech, r.getProblem(), speech.forService(r.getServiceName()), r.getStaffName(),
                    r.getCandidates()));
        } else if (r.getLastDate() != null) {
            out = SpokenAnswers.ok(new RangeSentences(speech).spoken(r, window, days));
        } else {
            // the member the caller asked for, if any: "bei Tom"
            String with = speech.withStaff(r.getStaffName());
            String service = speech.forService(r.getServiceName()) + with;
            // from an old snapshot or the opening hours only (Cal.com did not answer in time): promise less
            String hedge = Boolean.TRUE.equals(r.getStale()) ? " nach meinem letzten Stand" : "";
            String slot = hedge + with + " noch ein Termin" + speech.forService(r.getServiceName());
            String day = GermanSpeech.date(r.getDate(), speech.today().getYear());
            String offer = offer(r.getAlternatives(), r.getDate(), r.getAlternativesStale());
            String tooShort = r.getAvailable() ? null : new OpeningHoursSentences(speech).dayTooShort(r.getDate(), r.getServiceName());
            if ("closed".equals(r.getProblem())) {
                out = SpokenAnswers.ok("Am " + day + ", haben wir geschlossen." + offer);
            } else if (tooShort != null) { // not "alles belegt": the service never fits into that day
                out = SpokenAnswers.ok(tooShort + offer);
            } else if (wish != null && r.getAvailable()) {
                out = SpokenAnswers.ok("Am " + speech.when(r.getDate(), wish) + " ist" + slot + " frei.");
            } else if (wish != null) {
                out = SpokenAnswers.ok("Am " + speech.when(r.getDate(), wish) + " ist leider kein Termin" + service + " frei." + offer);
            } else if (r.getAvailable() && r.getSlots().size() == 1) {
                out = SpokenAnswers.ok("Am " + day + ", ist" + hedge + with + within + " nur noch ein Termin" + speech.forService(r.getServiceName()) + " frei, "
                        + FreeTimes.spoken(List.of(LocalTime.parse(r.getSlots().get(0)))) + ".");
            } else if (r.getAvailable()) {
                out = SpokenAnswers.ok("Am " + day + ", sind" + hedge + with + within + " noch Termine" + speech.forService(r.getServiceName()) + " frei, "
                        + FreeTimes.spoken(r.getSlots().stream().map(LocalTime::parse).toList()) + ".");
            } else if (r.getDate().equals(speech.today())) { // booked up, or the rest of the day is after closing time: both true
                out = SpokenAnswers.ok("Heute ist" + within + service + " leider kein Termin mehr frei." + offer);
            } else if (window != null) {
                out = SpokenAnswers.ok("Am " + day + ", ist" + within + " leider kein Termin" + service + " frei." + offer);
            } else {
                out = SpokenAnswers.ok("Am " + day + ", ist" + service + " leider alles belegt." + offer);
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
     * " Ich kann Ihnen am selben Tag um 15 Uhr, oder am Dienstag, den 24. November, um 14 Uhr
     * anbieten." ({@code sameDay}: the day asked about, null for none; {@code stale}: some of
     * them are known only from an old snapshot or the opening hours, said "nach meinem letzten
     * Stand"), or with none " In den nächsten Tagen finde ich leider keinen freien Termin."; with a leading space.
     */
    String offer(List<Alternative> times, LocalDate sameDay, boolean stale) {
        return times.isEmpty() ? " In den nächsten Tagen finde ich leider keinen freien Termin."
                : " Ich kann Ihnen " + (stale ? "nach meinem letzten Stand " : "") + offered(times, sameDay) + " anbieten.";
    }

    /** "am selben Tag um 15 Uhr, oder am Dienstag, den 24. November, um 14 Uhr" ({@link GermanSpeech#offers}). */
    private String offered(List<Alternative> times, LocalDate sameDay) {
        return GermanSpeech.offers(times.stream().map(a -> a.getDate().atTime(LocalTime.parse(a.getTime()))).toList(), sameDay, speech.today().getYear());
    }

    /**
     * get_alternatives of a time that is free ({@code r} asked with {@code otherTimes}): its
     * {@code answer}, then the other times: "… ist noch ein Termin … frei. Sonst kann ich Ihnen am
     * selben Tag um 15 Uhr oder 11 Uhr anbieten."; {@code answer} unchanged otherwise.
     */
    Map<String, Object> withOtherTimes(Map<String, Object> answer, AvailabilityResult r) {
        if (r.getAvailable() && r.getTime() != null && r.getLastDate() == null && !r.getAlternatives().isEmpty()) {
            answer.put("message", answer.get("message") + " Sonst kann ich Ihnen " + (r.getAlternativesStale() ? "nach meinem letzten Stand " : "")
                    + offered(r.getAlternatives(), r.getDate()) + " anbieten.");
        }
        return answer;
    }

    /** Times offered as [{date, time, description}], the description spoken ("Montag, den 23. November, um 10 Uhr"). */
    List<Map<String, Object>> described(List<Alternative> times) {
        return times.stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", a.getDate().toString());
            m.put("time", a.getTime());
            m.put("description", speech.when(a.getDate(), LocalTime.parse(a.getTime())));
            return m;
        }).toList();
    }
}
