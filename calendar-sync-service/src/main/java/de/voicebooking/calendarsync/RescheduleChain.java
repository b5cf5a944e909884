package de.voicebooking.calendarsync;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import de.voicebooking.calendarsync.calcom.CalcomClient.Listed;

/**
 * Where a booking that Cal.com moved ended up. Rescheduling creates a new booking with a new
 * uid and leaves the old one {@code cancelled} with {@code rescheduledToUid} (calcom-api-v2.md
 * §4.6); a booking moved twice is a chain of such links.
 */
final class RescheduleChain {
    /** More links than any real booking will have; guards against a cycle in bad data. */
    static final int MAX_LINKS = 20;

    private RescheduleChain() {
    }

    /**
     * Follows {@code rescheduledToUid} from {@code moved} through {@code listed} (by uid).
     *
     * @return the last booking of the chain (one not moved on), or empty when {@code moved} was
     *         not moved, a link is not in {@code listed} (e.g. moved outside the listed range), or
     *         the chain loops or runs past {@value #MAX_LINKS} links
     */
    static Optional<Listed> end(Listed moved, Map<String, Listed> listed) {
        if (moved.rescheduledToUid() == null) {
            return Optional.empty();
        }
        Set<String> seen = new HashSet<>(Set.of(moved.uid()));
        Listed at = moved;
        while (at.rescheduledToUid() != null) {
            at = listed.get(at.rescheduledToUid());
            if (at == null || !seen.add(at.uid()) || seen.size() > MAX_LINKS + 1) {
                return Optional.empty();
            }
        }
        return Optional.of(at);
    }
}
