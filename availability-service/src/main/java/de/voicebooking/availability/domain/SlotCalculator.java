package de.voicebooking.availability.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Free start times of one day for one service (DESIGN §6): the calendar's snapshot of free
 * starts minus the time of every live hold and booking, per staff member. A start is free
 * when at least one candidate staff member has nothing overlapping {@code [start, start +
 * duration)} and it lies at least {@code minimumNotice} after now. Pure; local times are the
 * tenant's.
 */
public final class SlotCalculator {
    /**
     * A staff member's busy time (a hold or a booking), half-open, UTC.
     *
     * @param inCalendarSince when Cal.com had it (a confirmed booking: its confirmation, UTC);
     *                        null for a hold, which Cal.com does not know
     */
    public record Busy(String staffId, Instant start, Instant end, Instant inCalendarSince) {
        /** A hold, or a time whose standing in Cal.com does not matter. */
        public Busy(String staffId, Instant start, Instant end) {
            this(staffId, start, end, null);
        }

        /** Whether Cal.com's free slots fetched at {@code fetchedAt} already leave this time out. */
        boolean shownIn(Instant fetchedAt) {
            return inCalendarSince != null && inCalendarSince.isBefore(fetchedAt);
        }
    }

    /**
     * The busy times of the other members of {@code pool} to count against {@code member} too,
     * when {@code member}'s free starts are the service's round-robin list fetched at
     * {@code fetchedAt} (no list of their own): each one that list cannot show yet, a hold or a
     * booking Cal.com got later, as {@code member}'s. That list only says some host is free, and
     * that host may be the one busy here; without the other members' own lists, the start is
     * not promised.
     *
     * @return those times, each with {@code member} as its staff id
     */
    public static List<Busy> againstRoundRobin(String member, Collection<String> pool, Collection<Busy> busy, Instant fetchedAt) {
        return busy.stream().filter(b -> !member.equals(b.staffId()) && pool.contains(b.staffId()) && !b.shownIn(fetchedAt))
                .map(b -> new Busy(member, b.start(), b.end(), b.inCalendarSince())).toList();
    }

    private SlotCalculator() {
    }

    /**
     * @param date tenant-local day
     * @param snapshotStarts free starts (HH:mm) from the calendar, ascending
     * @param staff the staff members who may do the service (one, if the caller asked for one)
     * @param busy live holds and bookings of those staff members that day
     * @param durationMinutes length of the service
     * @return free starts (HH:mm), ascending
     */
    public static List<String> freeStarts(LocalDate date, List<String> snapshotStarts, Collection<String> staff,
                                          Collection<Busy> busy, int durationMinutes, ZoneId zone,
                                          Instant now, int minimumNoticeMinutes) {
        Instant earliest = now.plus(Duration.ofMinutes(minimumNoticeMinutes));
        List<String> free = new ArrayList<>();
        for (String s : snapshotStarts) {
            Instant start = date.atTime(LocalTime.parse(s)).atZone(zone).toInstant();
            Instant end = start.plus(Duration.ofMinutes(durationMinutes));
            if (start.isBefore(earliest)) {
                continue;
            }
            for (String member : staff) {
                boolean clash = busy.stream().anyMatch(b -> b.staffId().equals(member)
                        && b.start().isBefore(end) && start.isBefore(b.end()));
                if (!clash) {
                    free.add(s);
                    break;
                }
            }
        }
        return free;
    }

    /**
     * As {@link #freeStarts}, but each staff member with their own free starts (e.g. from their
     * own Cal.com event type, which knows their other appointments there): a start is free if
     * some member has it in their list and no live hold or booking then.
     *
     * @param startsOf each member who may do the service → their free starts (HH:mm), ascending
     * @return free starts (HH:mm), ascending, each once
     */
    public static List<String> freeStartsPerMember(LocalDate date, Map<String, List<String>> startsOf, Collection<Busy> busy,
                                                   int durationMinutes, ZoneId zone, Instant now, int minimumNoticeMinutes) {
        SortedSet<String> free = new TreeSet<>(); // HH:mm sorts as the day runs
        startsOf.forEach((member, starts) ->
                free.addAll(freeStarts(date, starts, List.of(member), busy, durationMinutes, zone, now, minimumNoticeMinutes)));
        return List.copyOf(free);
    }

    /** Starts every {@code stepMinutes} inside opening hours, for when no snapshot exists yet. */
    public static List<String> fromHours(LocalTime open, LocalTime close, int durationMinutes, int stepMinutes) {
        List<String> starts = new ArrayList<>();
        for (LocalTime t = open; !t.plusMinutes(durationMinutes).isAfter(close) && !t.plusMinutes(durationMinutes).isBefore(t);
             t = t.plusMinutes(stepMinutes)) {
            starts.add(t.toString());
            if (t.plusMinutes(stepMinutes).isBefore(t)) {
                break;
            }
        }
        return starts;
    }

    /**
     * The {@code starts} (tenant-local {@code HH:mm}) whose appointment of {@code durationMinutes}
     * lies within the day's opening hours {@code open}–{@code close}, as booking-service's check
     * requires: Cal.com's slots of a day whose hours the manifest shortens ({@code specialHours})
     * are not offered past them.
     */
    public static List<String> withinHours(List<String> starts, LocalTime open, LocalTime close, int durationMinutes) {
        return starts.stream().filter(st -> {
            LocalTime t = LocalTime.parse(st);
            LocalTime end = t.plusMinutes(durationMinutes);
            return !t.isBefore(open) && !end.isBefore(t) && !end.isAfter(close);
        }).toList();
    }
}
