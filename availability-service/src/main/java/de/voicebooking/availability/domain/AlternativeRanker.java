package de.voicebooking.availability.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Ranks free slots as alternatives to a wish that is not free (DESIGN §6): the nearest later
 * time on the same day, the nearest earlier one, the time closest to the wish on the next
 * working day, then the same time on another day; for a window of starts, {@link #rankAround}; for a
 * range of days, {@link #firstOfEachDay}. Pure.
 */
public final class AlternativeRanker {
    /**
     * One alternative; kind is same_day_later, same_day_earlier, next_working_day (for a window:
     * the first later day with a start in it), same_time_other_day or later_day (a further day
     * with a start in the window); for a range of days first_of_day ({@link #firstOfEachDay}),
     * nearest_in_range or after_range ({@link #nearestOfEachDay}, {@link #firstOfEachDay}).
     */
    public record Alternative(LocalDate date, LocalTime time, String kind) {
    }

    private AlternativeRanker() {
    }

    /**
     * @param wishDate the wished day
     * @param wishTime the wished time, or null (then the earliest free times are offered)
     * @param freeByDay free starts per day, the wished day and the following days, in date order
     * @param limit how many alternatives at most
     */
    public static List<Alternative> rank(LocalDate wishDate, LocalTime wishTime, Map<LocalDate, List<LocalTime>> freeByDay, int limit) {
        List<Alternative> out = new ArrayList<>();
        LocalTime wish = wishTime != null ? wishTime : LocalTime.MIN;
        List<LocalTime> today = freeByDay.getOrDefault(wishDate, List.of());
        today.stream().filter(t -> t.isAfter(wish)).min(Comparator.naturalOrder())
                .ifPresent(t -> out.add(new Alternative(wishDate, t, "same_day_later")));
        if (wishTime != null) {
            today.stream().filter(t -> t.isBefore(wish)).max(Comparator.naturalOrder())
                    .ifPresent(t -> out.add(new Alternative(wishDate, t, "same_day_earlier")));
        }
        LocalDate next = freeByDay.keySet().stream().filter(d -> d.isAfter(wishDate) && !freeByDay.get(d).isEmpty())
                .sorted().findFirst().orElse(null);
        if (next != null) {
            LocalTime closest = freeByDay.get(next).stream()
                    .min(Comparator.comparingLong(t -> Math.abs(Duration.between(wish, t).toMinutes()))).orElseThrow();
            out.add(new Alternative(next, closest, "next_working_day"));
        }
        if (wishTime != null) {
            freeByDay.keySet().stream().sorted().filter(d -> d.isAfter(wishDate) && !d.equals(out.isEmpty() ? null : out.get(out.size() - 1).date())
                            && freeByDay.get(d).contains(wishTime))
                    .findFirst().ifPresent(d -> out.add(new Alternative(d, wishTime, "same_time_other_day")));
        }
        return out.stream().distinct().limit(limit).toList();
    }

    /**
     * Alternatives to a window of start times ("nachmittags", "nach 17 Uhr") that has no free
     * start on the wished day: the free start of that day nearest to the window
     * (same_day_earlier or same_day_later), then the first start in the window on each of the
     * next days that has one (next_working_day, then later_day).
     *
     * @param earliest the window's first start, inclusive (tenant-local)
     * @param latest the window's last start, inclusive (tenant-local)
     * @param freeByDay free starts per day, the wished day and the following days, in date order
     * @param limit how many alternatives at most
     */
    public static List<Alternative> rankAround(LocalDate wishDate, LocalTime earliest, LocalTime latest,
                                              Map<LocalDate, List<LocalTime>> freeByDay, int limit) {
        List<Alternative> out = new ArrayList<>();
        freeByDay.getOrDefault(wishDate, List.of()).stream()
                .filter(t -> !within(t, earliest, latest))
                .min(Comparator.comparingLong(t -> t.isBefore(earliest) ? Duration.between(t, earliest).toMinutes()
                        : Duration.between(latest, t).toMinutes()))
                .ifPresent(t -> out.add(new Alternative(wishDate, t, t.isBefore(earliest) ? "same_day_earlier" : "same_day_later")));
        freeByDay.keySet().stream().filter(d -> d.isAfter(wishDate)).sorted().forEach(d -> freeByDay.get(d).stream()
                .filter(t -> within(t, earliest, latest)).min(Comparator.naturalOrder())
                .ifPresent(t -> out.add(new Alternative(d, t, out.stream().anyMatch(a -> a.date().isAfter(wishDate))
                        ? "later_day" : "next_working_day"))));
        return out.stream().limit(limit).toList();
    }

    /**
     * The first start of each day that has one {@code fits} (the time asked, or one in the
     * window, or any), days in date order, at most {@code limit} days: what a question about a
     * range of days ("nächste Woche") is answered with.
     *
     * @param freeByDay free starts per day, each day's ascending, in date order
     * @param kind the alternatives' kind (first_of_day, after_range)
     */
    public static List<Alternative> firstOfEachDay(Map<LocalDate, List<LocalTime>> freeByDay, Predicate<LocalTime> fits, int limit,
                                                   String kind) {
        return freeByDay.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().stream().filter(fits).min(Comparator.naturalOrder()).map(t -> new Alternative(e.getKey(), t, kind))
                        .stream())
                .limit(limit).toList();
    }

    /**
     * The start of each day nearest to the window {@code earliest} to {@code latest} (an exact
     * time is a window of one minute's width, both ends equal), days in date order, at most
     * {@code limit} days: what a range of days is offered when nothing in it fits the wish.
     *
     * @param freeByDay free starts per day
     * @param kind the alternatives' kind (nearest_in_range, after_range)
     */
    public static List<Alternative> nearestOfEachDay(Map<LocalDate, List<LocalTime>> freeByDay, LocalTime earliest, LocalTime latest,
                                                     int limit, String kind) {
        return freeByDay.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().stream().min(Comparator.comparingLong((LocalTime t) -> distance(t, earliest, latest))
                        .thenComparing(Comparator.naturalOrder())).map(t -> new Alternative(e.getKey(), t, kind)).stream())
                .limit(limit).toList();
    }

    /** Minutes from start {@code t} to the window (0 within it). */
    private static long distance(LocalTime t, LocalTime earliest, LocalTime latest) {
        return t.isBefore(earliest) ? Duration.between(t, earliest).toMinutes() : t.isAfter(latest) ? Duration.between(latest, t).toMinutes() : 0;
    }

    /** Whether start {@code t} lies in the window {@code earliest} to {@code latest} (both inclusive, tenant-local). */
    public static boolean within(LocalTime t, LocalTime earliest, LocalTime latest) {
        return !t.isBefore(earliest) && !t.isAfter(latest);
    }
}
