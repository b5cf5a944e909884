package de.voicebooking.availability;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import de.voicebooking.availability.domain.AlternativeRanker;
import de.voicebooking.avro.Alternative;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.CheckAvailabilityQuery;

/**
 * Answers a question about a range of days ({@link CheckAvailabilityQuery#getLastDate()}: "nächste
 * Woche", "Anfang Dezember", "so bald wie möglich"): the first fitting start (the time asked,
 * else one within the window, else any) of each of the first {@value #OFFERED_DAYS} days of the
 * range that have one ({@code offers}, kind first_of_day); if none has, the same from the
 * {@value AvailabilityQueries#ALTERNATIVE_DAYS} days after the range ({@code alternatives}, kind
 * after_range; any start there if none fits). Days are read one by one and no further than
 * needed; a range is read for at most {@value #MAX_RANGE_DAYS} days. A stale day is refreshed
 * in the background ({@link SnapshotRefresh}) and makes the answer {@code stale}.
 */
@Component
public class RangeAvailability {
    /** How many days' starts are offered. */
    static final int OFFERED_DAYS = 3;
    /** The longest range read, in days. */
    static final int MAX_RANGE_DAYS = 31;
    private final DayFreeStarts days;
    private final ProjectionMetrics metrics;
    private final SnapshotRefresh refresh;

    public RangeAvailability(DayFreeStarts days, ProjectionMetrics metrics, SnapshotRefresh refresh) {
        this.days = days;
        this.metrics = metrics;
        this.refresh = refresh;
    }

    /** The number of days of {@code q}'s range (date to lastDate), 1 to {@value #MAX_RANGE_DAYS}. */
    static int span(CheckAvailabilityQuery q) {
        long n = ChronoUnit.DAYS.between(q.getDate(), q.getLastDate()) + 1;
        return (int) Math.max(1, Math.min(n, MAX_RANGE_DAYS));
    }

    /**
     * @param first the free starts of the range's first day, already read
     * @param refreshAsked whether a refresh was already asked for (else the first stale day asks)
     * @param out the answer so far (service and staff set)
     */
    AvailabilityResult answer(DayFreeStarts.Wish w, DayFreeStarts.DaySlots first, boolean refreshAsked, AvailabilityResult.Builder out) {
        CheckAvailabilityQuery q = w.q();
        Predicate<LocalTime> fits = fits(q);
        int inRange = span(q);
        int scan = inRange + AvailabilityQueries.ALTERNATIVE_DAYS;
        Map<LocalDate, List<LocalTime>> range = new LinkedHashMap<>();
        Map<LocalDate, List<LocalTime>> after = new LinkedHashMap<>();
        boolean stale = false;
        int fitting = 0;
        for (int i = 0; i < scan && fitting < OFFERED_DAYS && !(i == inRange && fitting > 0); i++) {
            LocalDate day = q.getDate().plusDays(i);
            DayFreeStarts.DaySlots d = i == 0 ? first : days.of(w, day);
            if (d.stale() && !refreshAsked) {
                refreshAsked = true;
                refresh.request(w.t(), w.eventType(), day, scan - i, false);
            }
            if (d.snapshot() != null) {
                metrics.used(d.snapshot());
            }
            stale |= d.stale();
            List<LocalTime> starts = d.starts().stream().map(LocalTime::parse).toList();
            (i < inRange ? range : after).put(day, starts);
            fitting += starts.stream().anyMatch(fits) ? 1 : 0;
        }
        List<AlternativeRanker.Alternative> offers = AlternativeRanker.firstOfEachDay(range, fits, OFFERED_DAYS, "first_of_day");
        List<AlternativeRanker.Alternative> later = offers.isEmpty() ? AlternativeRanker.firstOfEachDay(after, fits, OFFERED_DAYS, "after_range")
                : List.of();
        if (offers.isEmpty() && later.isEmpty()) { // "nächste Woche um 10", and 10 is never free after it either: any start
            later = AlternativeRanker.firstOfEachDay(after, t -> true, OFFERED_DAYS, "after_range");
        }
        return out.setLastDate(q.getLastDate()).setAvailable(!offers.isEmpty()).setStale(stale)
                .setOffers(avro(offers)).setAlternatives(avro(later)).build();
    }

    /** The time asked, else a start within the window (earliest to latest, inclusive), else any start. */
    private static Predicate<LocalTime> fits(CheckAvailabilityQuery q) {
        if (q.getTime() != null) {
            LocalTime wish = LocalTime.parse(q.getTime());
            return wish::equals;
        }
        LocalTime earliest = q.getEarliest() == null ? LocalTime.MIN : LocalTime.parse(q.getEarliest());
        LocalTime latest = q.getLatest() == null ? LocalTime.MAX : LocalTime.parse(q.getLatest());
        return t -> AlternativeRanker.within(t, earliest, latest);
    }

    static List<Alternative> avro(List<AlternativeRanker.Alternative> ranked) {
        return ranked.stream().map(a -> new Alternative(a.date(), a.time().toString(), a.kind())).toList();
    }
}
