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
 * write is an idempotent upsert or delete, and none lets an older fact overwrite a newer one.
 */
@Repository
public class ProjectionRepository {
    /** Days a tombstone of a booking whose times were never seen is kept. */
    static final int TIMELESS_TOMBSTONE_DAYS = 30;

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

    /**
     * Seconds since the oldest snapshot of the {@code days} days from today (UTC) was fetched; empty
     * if there is none. Days further ahead are fetched only when asked about and not kept fresh.
     */
    public Optional<Double> oldestUpcomingSnapshotAgeSeconds(int days) {
        return Optional.ofNullable(jdbc.queryForObject("select extract(epoch from now() - min(fetched_at))::float8 from slot_snapshot "
                + "where day >= (now() at time zone 'UTC')::date and day < (now() at time zone 'UTC')::date + ?", Double.class, days));
    }

    /**
     * Stores the times a hold or booking blocks, unless the booking was released or a later
     * event of it ({@code occurredAt}, booking-service's clock, UTC) is already stored: a dead
     * letter sent back after the booking's cancellation or move changes nothing.
     *
     * @param confirmed whether Cal.com has it (BookingConfirmed) rather than only a hold here (BookingHeld)
     */
    public void upsertBusy(String bookingId, String tenantId, String staffId, Instant start, Instant end, Instant occurredAt,
                           boolean confirmed) {
        jdbc.update("insert into busy (booking_id, tenant_id, staff_id, starts_at, ends_at, occurred_at, confirmed) values (?,?,?,?,?,?,?) "
                        + "on conflict (booking_id) do update set staff_id = excluded.staff_id, starts_at = excluded.starts_at, "
                        + "ends_at = excluded.ends_at, occurred_at = excluded.occurred_at, confirmed = excluded.confirmed "
                        + "where not busy.released and busy.occurred_at <= excluded.occurred_at",
                bookingId, tenantId, staffId, Timestamp.from(start), Timestamp.from(end), Timestamp.from(occurredAt), confirmed);
    }

    /**
     * Frees a booking's time for good (it was rejected, expired or cancelled, which is final for
     * a booking id): the row stays as a tombstone, also when its times were never seen, so an
     * older hold or booking of it delivered later does not block the time again.
     */
    public void releaseBusy(String bookingId, String tenantId, Instant occurredAt) {
        jdbc.update("insert into busy (booking_id, tenant_id, occurred_at, released) values (?,?,?,true) "
                        + "on conflict (booking_id) do update set released = true, "
                        + "occurred_at = greatest(busy.occurred_at, excluded.occurred_at)",
                bookingId, tenantId, Timestamp.from(occurredAt));
    }

    /**
     * Deletes what no question can need any more: snapshots of days before yesterday (UTC), busy
     * times that ended more than a day ago, and tombstones without times older than
     * {@link #TIMELESS_TOMBSTONE_DAYS} (longer than a broker keeps a dead letter, 7 days by default).
     *
     * @return the number of rows deleted
     */
    public int forgetPast() {
        return snapshots.forgetPastDays()
                + jdbc.update("delete from busy where ends_at < now() - interval '1 day' "
                        + "or (ends_at is null and occurred_at < now() - make_interval(days => ?))", TIMELESS_TOMBSTONE_DAYS);
    }

    /** Busy times of a tenant overlapping {@code [from, to)}. */
    public List<Busy> busy(String tenantId, Instant from, Instant to) {
        return jdbc.query("select staff_id, starts_at, ends_at, confirmed, occurred_at from busy "
                        + "where tenant_id = ? and not released and starts_at < ? and ends_at > ?",
                (rs, i) -> new Busy(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        rs.getBoolean(4) ? rs.getTimestamp(5).toInstant() : null),
                tenantId, Timestamp.from(to), Timestamp.from(from));
    }
}
