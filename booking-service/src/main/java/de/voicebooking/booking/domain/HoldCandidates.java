package de.voicebooking.booking.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order in which the members of a service are tried for a hold when the caller named no one.
 * Cal.com's round robin gives the booking to a host who is free in Cal.com, whoever we held; a
 * hold on a member Cal.com has busy (a booking made there by hand, time off) blocks the wrong
 * member here and lets a second caller hold the start on the member who is really free, who then
 * fails at confirm. So members whom a fresh snapshot of their own event type shows busy then come
 * last; the others keep the manifest's order, whether their own slots have the start or we know
 * nothing of them (favouring members with an own event type would only load them with holds).
 * Nobody is left out: our database, not a snapshot, decides whether a hold may be taken. Pure.
 */
public final class HoldCandidates {
    private HoldCandidates() {
    }

    /**
     * @param staff      the service's members (staff ids) in the manifest's order
     * @param ownStarts  per member, the free starts (HH:mm, tenant-local) of a fresh snapshot of their own
     *                   event type for the day; members without one are absent
     * @param start      the wished start, HH:mm tenant-local
     * @return the same members, those Cal.com has busy at {@code start} moved to the end
     */
    public static List<String> order(List<String> staff, Map<String, List<String>> ownStarts, String start) {
        return staff.stream().sorted(Comparator.comparing(m -> busyInCalcom(ownStarts.get(m), start))).toList();
    }

    private static boolean busyInCalcom(List<String> ownStarts, String start) {
        return ownStarts != null && !ownStarts.contains(start);
    }
}
