package de.voicebooking.availability;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The slot projection's metrics (DESIGN §10):
 * <ul>
 *   <li>{@code availability.snapshots} (counter; tag {@code result}: fresh, stale, missing):
 *       per open day an answer looked at, whether its snapshot was there and within the
 *       freshness bound; fresh / all is the projection's hit rate;</li>
 *   <li>{@code availability.snapshot.oldest.age} (gauge, seconds): age of the oldest snapshot
 *       of the days calendar-sync keeps fresh ({@code voicebooking.availability.gauge-days},
 *       default 14, as its {@code refresh-days}), read from the database at each scrape; it keeps
 *       rising when calendar-sync stops refreshing. A day further ahead, fetched once when a
 *       caller asked about it, does not count.</li>
 * </ul>
 */
@Component
public class ProjectionMetrics {
    /** Whether the snapshot of a day was usable. */
    public enum Result { FRESH, STALE, MISSING }

    private final Counter fresh;
    private final Counter stale;
    private final Counter missing;

    public ProjectionMetrics(MeterRegistry meters, ProjectionRepository repo,
                             @Value("${voicebooking.availability.gauge-days:14}") int gaugeDays) {
        fresh = counter(meters, "fresh");
        stale = counter(meters, "stale");
        missing = counter(meters, "missing");
        Gauge.builder("availability.snapshot.oldest.age", repo, r -> r.oldestUpcomingSnapshotAgeSeconds(gaugeDays).orElse(Double.NaN))
                .description("age of the oldest snapshot of today or later").baseUnit("seconds").register(meters);
    }

    /** Counts one use of a day's snapshot. */
    public void used(Result r) {
        switch (r) {
            case FRESH -> fresh.increment();
            case STALE -> stale.increment();
            case MISSING -> missing.increment();
        }
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("availability.snapshots").description("snapshot look-ups by answers, by result")
                .tag("result", result).register(meters);
    }
}
