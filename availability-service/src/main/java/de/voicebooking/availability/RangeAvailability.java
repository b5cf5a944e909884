package de.voicebooking.availability;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import de.voicebooking.availability.domain.AlternativeRanker;
import de.voicebooking.avro.Alternative;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.CheckAvailabilityQuery;

/**
 * Answers a question about a range of days ({@link CheckAvailabilityQuery#getLastDate()}: "nächste
 * Woche", "Anfang Dezember", "so bald wie möglich"): the first fitting start (the time asked, or
 * one within the window, or any when neither is asked) of each of the first {@value
 * #OFFERED_DAYS} days of the range that have one ({@code offers}, kind first_of_day). If none
 * fits, {@code alternatives}: each range day's start nearest to the wish (nearest_in_range), or,
 * with nothing free in the range at all, the {@value AvailabilityQueries#ALTERNATIVE_DAYS} days
 * after it (after_range). Days are read one by one and no further than needed; a range is read
 * for at most {@value #MAX_RANGE_DAYS} days. A stale day is refreshed ({@link SnapshotRefresh}, a
 * week at a time) and makes the answer {@code stale} if it names a time of that day, or, when
 * nothing in the range is free, if it is one of the range's days.
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
     * @param refreshAsked whether a refresh of the first days was already asked for (from the first
     *                     day, {@link #refreshAhead} days)
     * @param out the answer so far (service and staff set)
     */
    AvailabilityResult answer(DayFreeStarts.Wish w, DayFreeStarts.DaySlots first, boolean refreshAsked, AvailabilityResult.Builder out) {
        CheckAvailabilityQuery q = w.q();
        Wanted wanted = Wanted.of(q);
        Predicate<LocalTime> fits = wanted::fits;
        int inRange = span(q);
        int scan = inRange + AvailabilityQueries.ALTERNATIVE_DAYS;
        Map<LocalDate, List<LocalTime>> range = new LinkedHashMap<>();
        Map<LocalDate, List<LocalTime>> after = new LinkedHashMap<>();
        Set<LocalDate> stale = new HashSet<>();
        LocalDate refreshedUntil = refreshAsked ? q.getDate().plusDays(refreshAhead(q)) : q.getDate();
        LocalDate ownRefreshedUntil = q.getDate().plusDays(refreshAhead(q)); // the first day's ask covered these
        int fitting = 0;
        boolean anyInRange = false;
        // read no further than needed: to the range's end once something in it is free, else until three days after it fit
        for (int i = 0; i < scan && fitting < OFFERED_DAYS && !(i == inRange && (fitting > 0 || anyInRange)); i++) {
            LocalDate day = q.getDate().plusDays(i);
            DayFreeStarts.DaySlots d = i == 0 ? first : days.of(w, day);
            if (d.stale() && !day.isBefore(refreshedUntil)) { // SnapshotRefresh debounces each day, so a week at a time
                refresh.request(w.t(), w.eventType(), day, AvailabilityQueries.ALTERNATIVE_DAYS, false);
                refreshedUntil = day.plusDays(AvailabilityQueries.ALTERNATIVE_DAYS);
            }
            if (!d.staleOwn().isEmpty() && !day.isBefore(ownRefreshedUntil)) {
                d.staleOwn().forEach(own -> refresh.requestInBackground(w.t(), own, day, AvailabilityQueries.ALTERNATIVE_DAYS));
                ownRefreshedUntil = day.plusDays(AvailabilityQueries.ALTERNATIVE_DAYS);
            }
            if (d.snapshot() != null) {
                metrics.used(d.snapshot());
            }
            if (d.stale()) {
                stale.add(day);
            }
            List<LocalTime> starts = d.starts().stream().map(LocalTime::parse).toList();
            (i < inRange ? range : after).put(day, starts);
            fitting += starts.stream().anyMatch(fits) ? 1 : 0;
            anyInRange |= i < inRange && !starts.isEmpty();
        }
        List<AlternativeRanker.Alternative> offers = AlternativeRanker.firstOfEachDay(range, fits, OFFERED_DAYS, "first_of_day");
        List<AlternativeRanker.Alternative> others = offers.isEmpty() ? others(wanted, range, after) : List.of();
        // what the answer names rests on its days' snapshots; "nothing free" rests on all the range's days
        boolean hedged = offers.isEmpty()
                ? range.keySet().stream().anyMatch(stale::contains) || others.stream().anyMatch(a -> stale.contains(a.date()))
                : offers.stream().anyMatch(a -> stale.contains(a.date()));
        return out.setLastDate(q.getLastDate()).setAvailable(!offers.isEmpty()).setStale(hedged)
                .setOffers(avro(offers)).setAlternatives(avro(others)).build();
    }

    /**
     * Nothing in the range fits: each of its days' start nearest to the wish (nearest_in_range);
     * if it has none at all, the first fitting start of the days after it (after_range), else
     * their nearest.
     */
    private static List<AlternativeRanker.Alternative> others(Wanted w, Map<LocalDate, List<LocalTime>> range,
                                                             Map<LocalDate, List<LocalTime>> after) {
        List<AlternativeRanker.Alternative> inRange = AlternativeRanker.nearestOfEachDay(range, w.earliest(), w.latest(), OFFERED_DAYS,
                "nearest_in_range");
        if (!inRange.isEmpty()) {
            return inRange;
        }
        List<AlternativeRanker.Alternative> later = AlternativeRanker.firstOfEachDay(after, w::fits, OFFERED_DAYS, "after_range");
        return !later.isEmpty() ? later : AlternativeRanker.nearestOfEachDay(after, w.earliest(), w.latest(), OFFERED_DAYS, "after_range");
    }

    /** How many days from the range's first on the first question's refresh asks for: the range, at most a week. */
    static int refreshAhead(CheckAvailabilityQuery q) {
        return Math.min(span(q), AvailabilityQueries.ALTERNATIVE_DAYS);
    }

    /**
     * The starts the wish accepts, tenant-local, both ends inclusive: the time asked (as both
     * ends), else the window, else the whole day.
     */
    private record Wanted(LocalTime earliest, LocalTime latest) {
        static Wanted of(CheckAvailabilityQuery q) {
            if (q.getTime() != null) {
                LocalTime wish = LocalTime.parse(q.getTime());
                return new Wanted(wish, wish);
            }
            return new Wanted(q.getEarliest() == null ? LocalTime.MIN : LocalTime.parse(q.getEarliest()),
                    q.getLatest() == null ? LocalTime.MAX : LocalTime.parse(q.getLatest()));
        }

        boolean fits(LocalTime t) {
            return AlternativeRanker.within(t, earliest, latest);
        }
    }

    static List<Alternative> avro(List<AlternativeRanker.Alternative> ranked) {
        return ranked.stream().map(a -> new Alternative(a.date(), a.time().toString(), a.kind())).toList();
    }
}
