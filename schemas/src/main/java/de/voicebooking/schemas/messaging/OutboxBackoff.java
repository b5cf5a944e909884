package de.voicebooking.schemas.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * When the outbox relay tries again an outbox row whose send failed: after {@code first}, then
 * twice as long after each further failure, at most {@code longest}. Rows waiting are left out
 * of the relay's rounds, so a row that keeps failing neither holds back the rows after it nor
 * is sent again on every round. Held in memory per relay (another instance of the service
 * may try the row sooner). Not thread-safe: used by the relay's one thread.
 */
final class OutboxBackoff {
    private record Waiting(int failures, Instant next) {
    }

    private final Map<Long, Waiting> rows = new HashMap<>();
    private final Clock clock;
    private final Duration first;
    private final Duration longest;

    /**
     * @param first   wait after the first failure
     * @param longest the longest wait, however often the row failed
     */
    OutboxBackoff(Clock clock, Duration first, Duration longest) {
        this.clock = clock;
        this.first = first;
        this.longest = longest;
    }

    /** Ids of rows not to try now (their wait has not run out). */
    Set<Long> waiting() {
        Instant now = clock.instant();
        Set<Long> ids = new HashSet<>();
        rows.forEach((id, w) -> {
            if (w.next().isAfter(now)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * Row {@code id} failed again; returns how many times in a row it has failed here.
     */
    int failed(long id) {
        Waiting before = rows.get(id);
        int failures = before == null ? 1 : before.failures() + 1;
        Duration wait = first.multipliedBy(1L << Math.min(failures - 1, 20));
        rows.put(id, new Waiting(failures, clock.instant().plus(wait.compareTo(longest) > 0 ? longest : wait)));
        return failures;
    }

    /**
     * Forgets the rows that are due but were not in this round (sent or deleted meanwhile by
     * another instance) and the rows of {@code done}.
     *
     * @param tried the ids of this round's rows
     * @param done  the ids sent (or dead-lettered) in this round
     */
    void settle(Collection<Long> tried, Collection<Long> done) {
        Set<Long> waitingNow = waiting();
        Set<Long> triedIds = new HashSet<>(tried);
        rows.keySet().removeIf(id -> done.contains(id) || !waitingNow.contains(id) && !triedIds.contains(id));
    }
}
