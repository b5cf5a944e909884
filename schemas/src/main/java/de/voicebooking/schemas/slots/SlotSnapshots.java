package de.voicebooking.schemas.slots;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import de.voicebooking.avro.SlotSnapshot;

/**
 * Table {@code slot_snapshot}: the {@code calendar.slots} snapshots a service keeps (DESIGN §6),
 * the newest fetch per tenant, event type and tenant-local day. Each service that keeps them has
 * the table in its own database, created by its own migration (availability-service for its
 * projection, booking-service for ordering hold candidates). Every write is an idempotent upsert
 * or delete, so replaying the topic is safe.
 */
public class SlotSnapshots {
    /** A stored snapshot: free starts (HH:mm, tenant-local, ascending) and when Cal.com was asked for them (UTC). */
    public record Snapshot(List<String> starts, Instant fetchedAt) {
        /** Whether it was fetched at most {@code maxAge} before {@code now}. */
        public boolean freshAt(Instant now, Duration maxAge) {
            return !fetchedAt.plus(maxAge).isBefore(now);
        }
    }

    private final JdbcTemplate jdbc;

    public SlotSnapshots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores {@code s} unless a snapshot of that day fetched later is already stored. */
    public void upsert(SlotSnapshot s) {
        upsert(s.getTenantId(), s.getEventTypeId(), s.getDate(), s.getStarts(), s.getFetchedAt());
    }

    /** As {@link #upsert(SlotSnapshot)}, field by field. */
    public void upsert(String tenantId, long eventTypeId, LocalDate day, List<String> starts, Instant fetchedAt) {
        jdbc.update("insert into slot_snapshot (tenant_id, event_type_id, day, starts, fetched_at) values (?,?,?,?,?) "
                        + "on conflict (tenant_id, event_type_id, day) do update set starts = excluded.starts, fetched_at = excluded.fetched_at "
                        + "where slot_snapshot.fetched_at <= excluded.fetched_at",
                tenantId, eventTypeId, day, starts.toArray(String[]::new), Timestamp.from(fetchedAt));
    }

    /** The stored snapshots of {@code day} for {@code eventTypeIds}, by event type (one query; missing ones absent). */
    public Map<Long, Snapshot> read(String tenantId, Collection<Long> eventTypeIds, LocalDate day) {
        Map<Long, Snapshot> out = new HashMap<>();
        jdbc.query("select event_type_id, starts, fetched_at from slot_snapshot where tenant_id = ? and day = ? and event_type_id = any(?)",
                rs -> {
                    out.put(rs.getLong(1), new Snapshot(Arrays.asList((String[]) rs.getArray(2).getArray()), rs.getTimestamp(3).toInstant()));
                }, tenantId, day, eventTypeIds.toArray(Long[]::new));
        return out;
    }

    /**
     * Deletes the snapshots of days before yesterday (UTC): nobody books those any more.
     *
     * @return the number of snapshots deleted
     */
    public int forgetPastDays() {
        return jdbc.update("delete from slot_snapshot where day < (now() at time zone 'UTC')::date - 1");
    }
}
