package de.voicebooking.availability;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import de.voicebooking.availability.domain.SlotCalculator.Busy;
import de.voicebooking.schemas.slots.SlotSnapshots;
import de.voicebooking.schemas.slots.SlotSnapshots.Snapshot;

/**
 * Tables {@code slot_snapshot} (through the shared {@link SlotSnapshots}) and {@code busy}; every
 * write is an idempotent upsert or delete.
 */
@Repository
public class ProjectionRepository {
    private final JdbcTemplate jdbc;
    private final SlotSnapshots snapshots;

    public ProjectionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.snapshots = new SlotSnapshots(jdbc);
    }

    /** Stores a snapshot unless a newer one is already stored ({@link SlotSnapshots#upsert}). */
    public void upsertSnapshot(String tenantId, long eventTypeId, LocalDate day, List<String> starts, Instant fetchedAt) {
        snapshots.upsert(tenantId, eventTypeId, day, starts, fetchedAt);
    }

    /** The stored snapshots of {@code day} for {@code eventTypeIds}, by event type (one query; missing ones absent). */
    public Map<Long, Snapshot> snapshots(String tenantId, Collection<Long> eventTypeIds, LocalDate day) {
        return snapshots.read(tenantId, eventTypeIds, day);
    }

    /** Seconds since the oldest snapshot of today (UTC) or later was fetched; empty if there is none. */
    public Optional<Double> oldestUpcomingSnapshotAgeSeconds() {
        return Optional.ofNullable(jdbc.queryForObject(
                "select extract(epoch from now() - min(fetched_at))::float8 from slot_snapshot where day >= (now() at time zone 'UTC')::date",
                Double.class));
    }

    public void upsertBusy(String bookingId, String tenantId, String staffId, Instant start, Instant end) {
        jdbc.update("insert into busy (booking_id, tenant_id, staff_id, starts_at, ends_at) values (?,?,?,?,?) "
                        + "on conflict (booking_id) do update set staff_id = excluded.staff_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at",
                bookingId, tenantId, staffId, Timestamp.from(start), Timestamp.from(end));
    }

    public void removeBusy(String bookingId) {
        jdbc.update("delete from busy where booking_id = ?", bookingId);
    }

    /**
     * Deletes what no question can need any more: snapshots of days before yesterday (UTC) and
     * busy times that ended more than a day ago.
     *
     * @return the number of rows deleted
     */
    public int forgetPast() {
        return snapshots.forgetPastDays()
                + jdbc.update("delete from busy where ends_at < now() - interval '1 day'");
    }

    /** Busy times of a tenant overlapping {@code [from, to)}. */
    public List<Busy> busy(String tenantId, Instant from, Instant to) {
        return jdbc.query("select staff_id, starts_at, ends_at from busy where tenant_id = ? and starts_at < ? and ends_at > ?",
                (rs, i) -> new Busy(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()),
                tenantId, Timestamp.from(to), Timestamp.from(from));
    }
}
