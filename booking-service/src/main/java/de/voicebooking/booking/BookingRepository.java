package de.voicebooking.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.messaging.ReplyAddress;

/**
 * SQL access to table {@code booking}. All methods that change or lock rows expect to run inside
 * a transaction; the plain reads ({@link #find}, {@link #upcomingByPhone}, {@link #liveOverlapping})
 * may run outside one.
 */
@Repository
public class BookingRepository {
    /** PostgreSQL SQLSTATE of an exclusion-constraint violation. */
    static final String EXCLUSION_VIOLATION = "23P01";
    private static final String COLUMNS = "id, tenant_id, call_id, service_id, staff_id, event_type_id, starts_at, ends_at, state, "
            + "customer_name, phone, email, notes, customer_id, calcom_uid, reason, hold_expires_at, deadline_at, reply_to, cause";
    /** What a read returns: the inserted columns and those set only by later steps. */
    private static final String READ = COLUMNS + ", awaiting_confirmation";
    /** The live states, those of the exclusion constraint in V1_1__booking.sql, as a condition on alias o. */
    private static final String LIVE = "o.state in ('HELD', 'CONFIRMING', 'CONFIRMED', 'CANCEL_PENDING', 'RESCHEDULE_PENDING')";
    private final JdbcTemplate jdbc;

    public BookingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a hold. {@code staffChosen}: its staff member is our choice among the service's
     * staff, not the one the caller asked for (only such a hold may change member, {@link #swapStaff});
     * {@code requestedAt}: the start_booking request's record timestamp (the gateway's clock, UTC).
     *
     * @return false if the staff member's time overlaps a live booking (exclusion constraint)
     * @throws DataIntegrityViolationException for any other constraint violation (e.g. duplicate id)
     */
    public boolean insertHold(Booking b, boolean staffChosen, Instant requestedAt) {
        return insert(b, staffChosen, requestedAt, null);
    }

    /**
     * Inserts the hold {@code b} that guards the new time of booking {@code rescheduleOf} while it
     * is RESCHEDULE_PENDING ({@code RescheduleHold}); it does not expire while that reschedule runs
     * ({@link #lockExpiredHolds}).
     *
     * @return false if the staff member's time overlaps a live booking (exclusion constraint)
     */
    public boolean insertRescheduleHold(Booking b, UUID rescheduleOf, Instant requestedAt) {
        return insert(b, false, requestedAt, rescheduleOf);
    }

    private boolean insert(Booking b, boolean staffChosen, Instant requestedAt, UUID rescheduleOf) {
        try {
            jdbc.update("insert into booking (" + COLUMNS + ", staff_chosen, requested_at, reschedule_of) "
                            + "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    b.id(), b.tenantId(), b.callId(), b.serviceId(), b.staffId(), b.eventTypeId(),
                    ts(b.startsAt()), ts(b.endsAt()), b.state().name(), b.customerName(), b.phone(), b.email(), b.notes(),
                    b.customerId(), b.calcomUid(), b.reason(), ts(b.holdExpiresAt()), ts(b.deadlineAt()),
                    b.replyTo() == null ? null : b.replyTo().encode(), b.cause() == null ? null : b.cause().encode(), staffChosen, ts(requestedAt),
                    rescheduleOf);
            return true;
        } catch (DataIntegrityViolationException e) {
            if (isExclusionViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    static boolean isExclusionViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Reads and row-locks a booking of a tenant. */
    public Optional<Booking> lock(String tenantId, UUID id) {
        return jdbc.query("select " + READ + " from booking where id = ? and tenant_id = ? for update",
                this::map, id, tenantId).stream().findFirst();
    }

    /** Reads and row-locks a booking by id alone (for events keyed by booking id). */
    public Optional<Booking> lock(UUID id) {
        return jdbc.query("select " + READ + " from booking where id = ? for update", this::map, id).stream().findFirst();
    }

    /**
     * When the start_booking request that made booking {@code id} was sent (UTC, the gateway's
     * clock; for rows from before V6 when it was created, the database's); empty if there is none.
     */
    public Optional<Instant> requestedAt(UUID id) {
        return jdbc.queryForList("select coalesce(requested_at, created_at) from booking where id = ?", Timestamp.class, id).stream()
                .findFirst().map(Timestamp::toInstant);
    }

    /** Whether booking {@code id}'s member was chosen by us, not asked for by the caller (column {@code staff_chosen}). */
    public boolean staffChosen(UUID id) {
        return jdbc.queryForList("select staff_chosen from booking where id = ?", Boolean.class, id).stream().findFirst().orElse(false);
    }

    public Optional<Booking> find(String tenantId, UUID id) {
        return jdbc.query("select " + READ + " from booking where id = ? and tenant_id = ?", this::map, id, tenantId)
                .stream().findFirst();
    }

    /** Moves a booking to {@code state}, recording the reason and the Cal.com uid when given. */
    public void updateState(UUID id, BookingState state, String reason, String calcomUid) {
        jdbc.update("update booking set state = ?, reason = coalesce(?, reason), calcom_uid = coalesce(?, calcom_uid), "
                + "updated_at = now() where id = ?", state.name(), reason, calcomUid, id);
    }

    /**
     * A {@code not exists} sub-query for the update of booking {@code b}: another live booking
     * (the states of the exclusion constraint in V1_1__booking.sql) of a staff member, followed
     * by the staff expression, then {@link #OVERLAPPING} and the range's bounds. Checking first
     * keeps the constraint from aborting the caller's transaction.
     */
    private static final String OTHER_LIVE_BOOKING_OF = "select 1 from booking o where o.tenant_id = b.tenant_id and o.id <> b.id "
            + "and " + LIVE + " and o.staff_id = ";
    private static final String OVERLAPPING = " and tstzrange(o.starts_at, o.ends_at, '[)') && tstzrange(";
    /** The live bookings (alias o) of a tenant's member overlapping a range: binds tenant, staff, then the range's bounds. */
    private static final String LIVE_OF_MEMBER = "select " + READ + " from booking o where o.tenant_id = ? and o.staff_id = ? and "
            + LIVE + OVERLAPPING + "?, ?, '[)')";

    /**
     * Gives the booking to another staff member (the host Cal.com chose), unless that member
     * has another live booking overlapping it here (the exclusion constraint would refuse).
     *
     * @return true if moved
     */
    public boolean reassignStaff(UUID id, String staffId) {
        return jdbc.update("update booking b set staff_id = ?, updated_at = now() where b.id = ? and not exists ("
                + OTHER_LIVE_BOOKING_OF + "?" + OVERLAPPING + "b.starts_at, b.ends_at, '[)'))", staffId, id, staffId) == 1;
    }

    /**
     * The other live bookings here of {@code staffId} that overlap booking {@code b}'s time,
     * locked (the ones that keep {@link #reassignStaff} from giving {@code b} to that member).
     */
    public List<Booking> lockOthersOverlapping(Booking b, String staffId) {
        return jdbc.query(LIVE_OF_MEMBER + " and o.id <> ? order by o.id for update",
                this::map, b.tenantId(), staffId, ts(b.startsAt()), ts(b.endsAt()), b.id());
    }

    /**
     * The live bookings here of {@code staffId} that overlap {@code [startsAt, endsAt)} (UTC),
     * unlocked, earliest first: what keeps a hold of that member at that time from being taken.
     */
    public List<Booking> liveOverlapping(String tenantId, String staffId, Instant startsAt, Instant endsAt) {
        return jdbc.query(LIVE_OF_MEMBER + " order by o.starts_at", this::map, tenantId, staffId, ts(startsAt), ts(endsAt));
    }

    /**
     * Swaps staff members: booking {@code b} gets {@code host} (the host Cal.com chose for it)
     * and {@code other}, a hold of ours that had {@code host} then, gets {@code b}'s member. Only
     * if {@code other} is still a hold (HELD or CONFIRMING) whose member we chose ({@code
     * staff_chosen}, never the caller's wish) and {@code b}'s member has no other live booking
     * over {@code other}'s time. Both rows must be locked and {@code other} must be the only
     * booking keeping {@code host} from {@code b} ({@link #lockOthersOverlapping}); the exclusion
     * constraint is deferred for the two updates and checked right after them.
     *
     * @return true if swapped; false changes nothing
     */
    public boolean swapStaff(Booking b, String host, Booking other) {
        // no finally: after a failed statement the transaction is aborted, and the original error must surface
        jdbc.execute("set constraints no_overlapping_live_bookings deferred");
        int moved = jdbc.update("update booking b set staff_id = ?, updated_at = now() where b.id = ? and b.staff_chosen "
                + "and b.state in ('HELD', 'CONFIRMING') and not exists (" + OTHER_LIVE_BOOKING_OF + "?" + " and o.id <> ?"
                + OVERLAPPING + "b.starts_at, b.ends_at, '[)'))", b.staffId(), other.id(), b.staffId(), b.id());
        if (moved == 1) {
            jdbc.update("update booking set staff_id = ?, updated_at = now() where id = ?", host, b.id());
        }
        jdbc.execute("set constraints no_overlapping_live_bookings immediate"); // checks the two updates now
        return moved == 1;
    }

    /**
     * Cal.com moved the booking (a new uid, calcom-api-v2.md §4.6): records the new uid, and the
     * times with member {@code staffId} (the booking's own, or the host Cal.com gave the moved
     * booking), unless that member has another live booking here at the new time (the exclusion
     * constraint would refuse); then only the uid.
     *
     * @return true if the times (and member) moved too
     */
    public boolean moveTo(UUID id, String calcomUid, Instant start, Instant end, String staffId) {
        jdbc.update("update booking set calcom_uid = ?, updated_at = now() where id = ?", calcomUid, id);
        return jdbc.update("update booking b set starts_at = ?, ends_at = ?, staff_id = ? where b.id = ? and not exists ("
                + OTHER_LIVE_BOOKING_OF + "?" + OVERLAPPING + "?, ?, '[)'))", ts(start), ts(end), staffId, id, staffId, ts(start), ts(end)) == 1;
    }

    /**
     * Records that a cancel or reschedule command sent at {@code sentAt} (its record timestamp,
     * UTC, the gateway's clock) is carried out on booking {@code id}, unless one sent at or after
     * it was already: the same record delivered again (its offset was not committed) or replayed.
     *
     * @return false for such a command, which must change nothing
     */
    public boolean claimCommand(UUID id, Instant sentAt) {
        return jdbc.update("update booking set last_command_at = ? where id = ? and (last_command_at is null or last_command_at < ?)",
                ts(sentAt), id, ts(sentAt)) == 1;
    }

    /**
     * A pending saga step (CONFIRMING, CANCEL_PENDING, RESCHEDULE_PENDING) with its deadline, where to send the
     * outcome, and the context of the request that started it (the cause a timeout continues).
     */
    public void startPending(UUID id, BookingState state, Instant deadline, ReplyAddress replyTo, MessageContext cause) {
        jdbc.update("update booking set state = ?, deadline_at = ?, reply_to = ?, cause = ?, updated_at = now() where id = ?",
                state.name(), ts(deadline), replyTo == null ? null : replyTo.encode(), cause == null ? null : cause.encode(), id);
    }

    /** Whether the business still has to confirm the booking in Cal.com (status {@code pending}, calcom-api-v2.md §4.7). */
    public void setAwaitingConfirmation(UUID id, boolean awaiting) {
        jdbc.update("update booking set awaiting_confirmation = ?, updated_at = now() where id = ?", awaiting, id);
    }

    public void setReplyTo(UUID id, ReplyAddress replyTo) {
        jdbc.update("update booking set reply_to = ? where id = ?", replyTo == null ? null : replyTo.encode(), id);
    }

    public void linkCustomer(UUID id, String customerId) {
        jdbc.update("update booking set customer_id = ?, updated_at = now() where id = ?", customerId, id);
    }

    /**
     * HELD bookings whose hold ran out, locked, oldest first; not the hold of a reschedule still
     * under way (its booking RESCHEDULE_PENDING), which ends with that reschedule's outcome.
     */
    public List<Booking> lockExpiredHolds(Instant now, int limit) {
        return jdbc.query("select " + READ + " from booking h where state = 'HELD' and hold_expires_at <= ? and (reschedule_of is null "
                + "or not exists (select 1 from booking r where r.id = h.reschedule_of and r.state = 'RESCHEDULE_PENDING')) "
                + "order by hold_expires_at limit ? for update skip locked", this::map, ts(now), limit);
    }

    /** The hold that guards the new time of booking {@code id}'s reschedule (HELD, {@link #insertRescheduleHold}), locked. */
    public Optional<Booking> lockRescheduleHold(UUID id) {
        return jdbc.query("select " + READ + " from booking where reschedule_of = ? and state = 'HELD' for update", this::map, id)
                .stream().findFirst();
    }

    /** Sagas in {@code state} past their deadline, locked. */
    public List<Booking> lockOverdue(BookingState state, Instant now, int limit) {
        return jdbc.query("select " + READ + " from booking where state = ? and deadline_at <= ? "
                + "order by deadline_at limit ? for update skip locked", this::map, state.name(), ts(now), limit);
    }

    /** How many bookings in {@code state} are past their deadline at {@code now}. */
    public int countOverdue(BookingState state, Instant now) {
        Integer n = jdbc.queryForObject("select count(*) from booking where state = ? and deadline_at <= ?", Integer.class,
                state.name(), ts(now));
        return n == null ? 0 : n;
    }

    /**
     * Upcoming bookings of a caller (exact E.164 match), soonest first: the live ones (not holds),
     * and those the business declined in Cal.com (CANCELLED, reason {@code declined_in_calendar}).
     */
    public List<Booking> upcomingByPhone(String tenantId, String phone, Instant now) {
        return jdbc.query("select " + READ + " from booking where tenant_id = ? and phone = ? and ends_at > ? "
                + "and (state in ('CONFIRMED', 'CONFIRMING', 'CANCEL_PENDING', 'RESCHEDULE_PENDING') or state = 'CANCELLED' and reason = 'declined_in_calendar') "
                + "order by starts_at", this::map, tenantId, phone, ts(now));
    }

    /**
     * Upcoming bookings of a caller (exact E.164 match) the caller cancelled (reason
     * {@code cancelled_by_caller}) within the last {@code withinMinutes} (by the database's clock),
     * soonest first: a cancel asked for again (Retell's retry, the agent's repeat) finds the one it
     * already cancelled.
     */
    public List<Booking> recentlyCancelledByPhone(String tenantId, String phone, Instant now, int withinMinutes) {
        return jdbc.query("select " + READ + " from booking where tenant_id = ? and phone = ? and ends_at > ? and state = 'CANCELLED' "
                + "and reason = 'cancelled_by_caller' and updated_at > now() - make_interval(mins => ?) order by starts_at",
                this::map, tenantId, phone, ts(now), withinMinutes);
    }

    private Booking map(ResultSet rs, int row) throws SQLException {
        return new Booking(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("call_id"),
                rs.getString("service_id"), rs.getString("staff_id"), rs.getLong("event_type_id"),
                inst(rs.getTimestamp("starts_at")), inst(rs.getTimestamp("ends_at")), BookingState.valueOf(rs.getString("state")),
                rs.getString("customer_name"), rs.getString("phone"), rs.getString("email"), rs.getString("notes"),
                rs.getString("customer_id"), rs.getString("calcom_uid"), rs.getString("reason"),
                inst(rs.getTimestamp("hold_expires_at")), inst(rs.getTimestamp("deadline_at")),
                ReplyAddress.decode(rs.getString("reply_to")), MessageContext.decode(rs.getString("cause")),
                rs.getBoolean("awaiting_confirmation"));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant inst(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
