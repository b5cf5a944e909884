package de.voicebooking.gateway;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import de.voicebooking.avro.AvailabilityRequest;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.gateway.domain.BatchSentences;
import de.voicebooking.gateway.domain.GermanDateParser;
import de.voicebooking.gateway.domain.GermanDayRange;
import de.voicebooking.gateway.domain.SpokenAnswers;
import de.voicebooking.gateway.domain.TimeWindow;
import de.voicebooking.schemas.Topics;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Retell functions answered by availability-service (DESIGN §6, §8): check_availability,
 * check_availability_batch, get_alternatives and find_next_available. The day and time said
 * are parsed as parse_date parses them; a day that cannot be used is asked back before anything
 * is sent.
 */
@Component
public class AvailabilityFunctions {
    /** The most times check_availability_batch checks at once: more cannot be said in one answer. */
    static final int MOST_SLOTS = 6;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SpokenRequests requests;

    public AvailabilityFunctions(SpokenRequests requests) {
        this.requests = requests;
    }

    /** check_availability ({@code date}, {@code time}?, {@code service}?, {@code staff}?): the time said, or the free times of the day or days said. */
    public Map<String, Object> check(FunctionCall c) {
        return availability(c, c.when("date", "time"), false, false);
    }

    /** find_next_available: the soonest free times from the day said (else today) on, or within the range of days said. */
    public Map<String, Object> nextAvailable(FunctionCall c) {
        return availability(c, c.when("date", "time"), true, false);
    }

    /**
     * get_alternatives ({@code date}?, {@code time}?, {@code service}?, {@code staff}?): the times
     * near the one said, as check_availability ranks them when it is taken (on that day and the
     * next days), and when it is free as well ({@code CheckAvailabilityQuery.otherTimes}); with no
     * day said, the soonest, as find_next_available.
     */
    public Map<String, Object> alternatives(FunctionCall c) {
        GermanDateParser.Result w = c.when("date", "time");
        return availability(c, w, w.date() == null, true);
    }

    /**
     * check_availability_batch ({@code slots}: a JSON array of {date, time} objects, or of
     * texts such as "Montag 10 Uhr" ({@link #slotsSaid}); {@code service}?, {@code staff}?): each exact time checked
     * at once, in parallel within the one budget ({@link BatchSentences}); at most {@value
     * #MOST_SLOTS} times. Times already past are said to be so and left out.
     */
    public Map<String, Object> batch(FunctionCall c) {
        List<String[]> said = slotsSaid(c.arg("slots"));
        if (said.isEmpty()) {
            return SpokenAnswers.error("missing_details", "Welche Tage und Uhrzeiten soll ich für Sie prüfen?");
        }
        if (said.size() > MOST_SLOTS) {
            return SpokenAnswers.error("too_many_slots", "Das sind zu viele Zeiten auf einmal. Welche zwei oder drei passen Ihnen am besten?");
        }
        List<GermanDateParser.Result> times = new ArrayList<>();
        List<String> over = new ArrayList<>();
        for (String[] slot : said) {
            GermanDateParser.Result w = c.whenSaid(slot[0], slot[1]);
            Map<String, Object> askedBack = c.dates().askBack(w);
            if (askedBack != null) {
                return askedBack;
            }
            if (w.date() == null || w.days() != null) {
                return SpokenAnswers.error("not_a_date", "An welchem Tag genau soll ich nachsehen?");
            }
            if (w.time() == null) {
                return SpokenAnswers.error("time_required", c.dates().checkTimeMissing(w.date()));
            }
            if ("in_the_past".equals(w.error())) {
                over.add(c.dates().over(w));
            } else if (times.stream().noneMatch(t -> t.date().equals(w.date()) && t.time().equals(w.time()))) {
                times.add(w);
            }
        }
        String past = String.join(" ", over.stream().distinct().toList());
        if (times.isEmpty()) {
            return SpokenAnswers.error("in_the_past", past + " Welcher andere Termin passt Ihnen?");
        }
        List<AvailabilityRequest> queries = times.stream().map(w -> new AvailabilityRequest(c.tenant().tenantId(),
                new CheckAvailabilityQuery(w.date(), w.time().toString(), c.arg("service"), c.arg("staff"), null, null, null, false))).toList();
        Map<String, Object> out = requests.queryAll(c, Topics.AVAILABILITY_REQUESTS, queries, AvailabilityResult.class,
                rs -> new BatchSentences(c.speech()).answer(times.stream().map(w -> w.date().atTime(w.time())).toList(), rs));
        if (!past.isEmpty() && Boolean.TRUE.equals(out.get("success"))) {
            out.put("message", past + " " + out.get("message"));
        }
        return out;
    }

    /**
     * The slots of check_availability_batch as [date text, time text] (the time may be null): a
     * JSON array of {date, time} objects or of texts, one such object, or text that is no JSON as
     * one time said; empty when there is none.
     */
    static List<String[]> slotsSaid(String slots) {
        if (slots == null) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(slots);
        } catch (JacksonException notJson) { // "Montag um 10 Uhr": one time, said
            return List.<String[]>of(new String[] {slots, null});
        }
        List<String[]> out = new ArrayList<>();
        for (JsonNode slot : root.isArray() ? root : JSON.createArrayNode().add(root)) {
            if (slot.isString() && !slot.asString().isBlank()) {
                out.add(new String[] {slot.asString(), null});
            } else if (slot.isObject() && slot.hasNonNull("date")) {
                out.add(new String[] {slot.path("date").asString(), slot.hasNonNull("time") ? slot.path("time").asString() : null});
            }
        }
        return out;
    }

    /**
     * check_availability of {@code w}: one day, or a range of days said ("nächste Woche"); with
     * {@code soonest} a single day or none said is the start of {@link GermanDayRange#soonestFrom};
     * with {@code otherTimes} (get_alternatives) a free time is answered with the times around it too.
     */
    private Map<String, Object> availability(FunctionCall c, GermanDateParser.Result w, boolean soonest, boolean otherTimes) {
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
                days == null ? null : days.last(), otherTimes);
        Map<String, Object> out = requests.query(c, Topics.AVAILABILITY_REQUESTS, new AvailabilityRequest(c.tenant().tenantId(), q),
                AvailabilityResult.class, r -> otherTimes ? c.speech().withOtherTimes(c.speech().availability(r, window, days), r)
                        : c.speech().availability(r, window, days));
        if (timePast) {
            out.put("message", c.dates().timePast(w.time()) + " " + out.get("message"));
        }
        return out;
    }
}
