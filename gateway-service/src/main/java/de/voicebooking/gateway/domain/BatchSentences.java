package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.voicebooking.avro.AvailabilityResult;

/**
 * check_availability_batch (DESIGN §8: {@code slots} [{date, time}]): what the agent says to the
 * answers about several exact times at once, each an {@link AvailabilityResult} of one time, in
 * the order the caller said them. Written for speech; dates relative to the {@link SpokenAnswers}'
 * today. Pure.
 */
public final class BatchSentences {
    /** availability-service's problem for a day the tenant is closed ({@code AvailabilityResult.problem}). */
    private static final String CLOSED = "closed";
    private final SpokenAnswers speech;

    public BatchSentences(SpokenAnswers speech) {
        this.speech = speech;
    }

    /**
     * The answer about the times {@code asked} (tenant-local), each answered by the result at the
     * same index of {@code results}, null for one not answered in time (at least one is answered):
     * a problem that is the same for every time (a service or member not found) as
     * check_availability says it; else which are free and which not, one day named once: "Am
     * Montag, den 23. November, ist um 10 Uhr noch ein Termin für einen Herrenschnitt frei, um 14
     * Uhr leider nicht."; "Am Montag, den 23. November, um 10 Uhr und am Dienstag, den 24.
     * November, um 14 Uhr ist jeweils noch ein Termin … frei. Welcher passt Ihnen besser?"; a
     * closed day first: "Am Sonntag, den 22. November, haben wir geschlossen."; none free: "… ist
     * leider kein Termin … frei. Ich kann Ihnen … anbieten." (the first open time's
     * alternatives); one not answered last: "Am Dienstag, den 24. November, um 9 Uhr konnte ich
     * gerade nicht nachsehen." Fields: {@code available} (any free), {@code results} [{date, time,
     * available (null: not answered)}], {@code alternatives} (none free only), {@code service},
     * {@code stale}.
     */
    public Map<String, Object> answer(List<LocalDateTime> asked, List<AvailabilityResult> results) {
        List<AvailabilityResult> answered = results.stream().filter(java.util.Objects::nonNull).toList();
        AvailabilityResult first = answered.get(0);
        if (first.getProblem() != null && !CLOSED.equals(first.getProblem())) {
            return speech.availability(first);
        }
        // "Am Sonntag, den 22. November, haben wir geschlossen.": said once for its day, before the open days' times
        List<LocalDate> closedDays = answered.stream().filter(r -> CLOSED.equals(r.getProblem())).map(AvailabilityResult::getDate).distinct().toList();
        String closed = closedDays.isEmpty() ? "" : GermanSpeech.capitalized(GermanSpeech.clauses(closedDays.stream()
                .map(d -> "am " + GermanSpeech.date(d, speech.today().getYear())).toList())) + ", haben wir geschlossen.";
        List<AvailabilityResult> open = answered.stream().filter(r -> !CLOSED.equals(r.getProblem())).toList();
        List<AvailabilityResult> free = open.stream().filter(AvailabilityResult::getAvailable).toList();
        List<AvailabilityResult> taken = open.stream().filter(r -> !r.getAvailable()).toList();
        AvailabilityResult lead = open.isEmpty() ? first : open.get(0);
        boolean oneDay = open.stream().map(AvailabilityResult::getDate).distinct().count() == 1;
        boolean stale = answered.stream().anyMatch(AvailabilityResult::getStale);
        String message = (closed + " " + (open.isEmpty() ? "" : sentence(lead, free, taken, oneDay, stale))).trim();
        List<Map<String, Object>> alternatives = List.of();
        if (free.isEmpty()) { // nothing free: the first time's alternatives offered
            alternatives = new AvailabilitySentences(speech).described(lead.getAlternatives());
            message += new AvailabilitySentences(speech).offer(lead.getAlternatives(), oneDay ? lead.getDate() : null, lead.getAlternativesStale());
        }
        List<Map<String, Object>> each = new ArrayList<>();
        List<LocalDateTime> unanswered = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            AvailabilityResult r = results.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", asked.get(i).toLocalDate().toString());
            m.put("time", asked.get(i).toLocalTime().toString());
            m.put("available", r == null ? null : r.getAvailable());
            each.add(m);
            if (r == null) {
                unanswered.add(asked.get(i));
            }
        }
        if (!unanswered.isEmpty()) {
            message += " " + GermanSpeech.capitalized(GermanSpeech.list(unanswered.stream().map(t -> "am " + speech.when(t.toLocalDate(),
                    t.toLocalTime())).toList())) + " konnte ich gerade nicht nachsehen.";
        }
        Map<String, Object> out = SpokenAnswers.ok(message);
        out.put("available", !free.isEmpty());
        out.put("results", each);
        out.put("alternatives", alternatives);
        out.put("service", lead.getServiceName());
        out.put("stale", stale);
        return out;
    }

    /**
     * The open days' times, some free ({@code free}) or taken ({@code taken}, after the free ones):
     * "Am Montag, den 23. November, ist um 10 Uhr noch ein Termin für einen Herrenschnitt frei, um
     * 14 Uhr leider nicht."; the service and member are {@code lead}'s.
     */
    private String sentence(AvailabilityResult lead, List<AvailabilityResult> free, List<AvailabilityResult> taken, boolean oneDay, boolean stale) {
        String what = speech.forService(lead.getServiceName()) + speech.withStaff(lead.getStaffName());
        String hedge = stale ? " nach meinem letzten Stand" : "";
        // one day: "Am Montag, den 23. November, ist um 10 Uhr …"; several: "Am Montag, den 23. November, um 10 Uhr … ist …"
        String start = oneDay ? "Am " + GermanSpeech.date(lead.getDate(), speech.today().getYear()) + ", ist" + hedge + " " : "";
        String is = oneDay ? "" : " ist" + hedge;
        String message;
        if (taken.isEmpty()) {
            message = start + times(free, oneDay) + is + (free.size() > 1 ? " jeweils" : "") + " noch ein Termin" + what + " frei."
                    + (free.size() > 2 ? " Welcher passt Ihnen am besten?" : free.size() > 1 ? " Welcher passt Ihnen besser?" : "");
        } else if (free.isEmpty()) {
            message = start + times(taken, oneDay) + is + " leider kein Termin" + what + " frei.";
        } else {
            message = start + times(free, oneDay) + is + (free.size() > 1 ? " jeweils" : "") + " noch ein Termin" + what + " frei, "
                    + times(taken, oneDay) + " leider nicht.";
        }
        return GermanSpeech.capitalized(message);
    }

    /**
     * "um 10 Uhr und um 14 Uhr" on one day; else each day once with its times: "am Montag, den 23.
     * November, um 10 Uhr und am Dienstag, …", "am Montag, den 23. November, um 10 Uhr und 14 Uhr,
     * und am Dienstag, den 24. November, um 9:30 Uhr".
     */
    private String times(List<AvailabilityResult> results, boolean oneDay) {
        if (oneDay) {
            return GermanSpeech.list(results.stream().map(r -> "um " + GermanSpeech.time(LocalTime.parse(r.getTime()))).toList());
        }
        Map<LocalDate, List<String>> byDay = new LinkedHashMap<>();
        results.forEach(r -> byDay.computeIfAbsent(r.getDate(), d -> new ArrayList<>()).add(GermanSpeech.time(LocalTime.parse(r.getTime()))));
        List<String> days = byDay.entrySet().stream().map(e -> "am " + GermanSpeech.date(e.getKey(), speech.today().getYear())
                + ", um " + GermanSpeech.list(e.getValue())).toList();
        boolean severalAtADay = byDay.values().stream().anyMatch(t -> t.size() > 1);
        // "…, um 10 Uhr und 14 Uhr, und am Dienstag": the comma keeps the days apart when a day has an "und" of its own
        return !severalAtADay ? GermanSpeech.list(days) : GermanSpeech.clauses(days);
    }
}
