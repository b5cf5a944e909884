package de.voicebooking.calendarsync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import de.voicebooking.calendarsync.calcom.CalcomClient.Listed;

import de.voicebooking.schemas.messaging.MessageContext;

/** Table {@code sync_booking}: the calendar side of each booking (see the migration for states). */
@Repository
public class SyncRepository {
    private static final Logger log = LoggerFactory.getLogger(SyncRepository.class);
    /**
     * One row. {@code lease} is the fencing token of the claim that read it ({@link #claimDue}):
     * only that claim may write the step's outcome ({@link #move}). {@code rescheduleSent}: the
     * current reschedule has sent its move to Cal.com at least once ({@link #rescheduleSent}).
     */
    public record Row(String bookingId, String tenantId, Long eventTypeId, String staffId, Instant startsAt,
                      String customerName, String email, String phone, boolean rejected, String state, String calcomUid,
                      int attempts, Instant watchUntil, MessageContext cause, Instant rescheduleTo, boolean rescheduleSent, long lease) {
    }

    /** The states in which the calendar side of a booking is over (nothing live in Cal.com, as far as the row knows). */
    static final java.util.List<String> ENDED_STATES = java.util.List.of("FAILED", "COMPENSATED", "CANCELLED");
    private static final String ENDED = "('" + String.join("', '", ENDED_STATES) + "')";
    /** The states from which reconciliation sends a booking still live in Cal.com back to compensation. */
    private static final String REOPENABLE = "('FAILED', 'COMPENSATED', 'CANCELLED', 'COMPENSATION_FAILED')";
    private static final String ROW_COLS = "booking_id, tenant_id, event_type_id, staff_id, starts_at, customer_name, email, phone, "
            + "rejected, state, calcom_uid, attempts, watch_until, cause, reschedule_to, reschedule_sent, ";
    private static final String COLS = ROW_COLS + "lease";
    /** A claim reads the lease it is about to take. */
    private static final String CLAIM_COLS = ROW_COLS + "lease + 1";
    private final JdbcTemplate jdbc;
    private final long leaseSeconds;

    /** @param leaseSeconds how long a claim keeps a row from other claims unless {@link #extendLease} renews it */
    public SyncRepository(JdbcTemplate jdbc, @Value("${voicebooking.calcom.lease-seconds:60}") long leaseSeconds) {
        this.jdbc = jdbc;
        this.leaseSeconds = leaseSeconds;
    }

    /**
     * Saga step 2 seen: the booking's details; {@code cause} is that event's context. Moves to
     * CREATE_DUE if the customer is linked too.
     */
    public void details(String bookingId, String tenantId, long eventTypeId, String staffId, Instant start, Instant end,
                        String name, String email, String phone, MessageContext cause) {
        jdbc.update("insert into sync_booking (booking_id, tenant_id, event_type_id, staff_id, starts_at, ends_at, customer_name, email, phone, has_details, cause) "
                        + "values (?,?,?,?,?,?,?,?,?,true,?) on conflict (booking_id) do update set event_type_id = excluded.event_type_id, cause = excluded.cause, "
                        + "staff_id = excluded.staff_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at, "
                        + "customer_name = coalesce(sync_booking.customer_name, excluded.customer_name), "
                        + "email = coalesce(sync_booking.email, excluded.email), phone = coalesce(sync_booking.phone, excluded.phone), has_details = true",
                bookingId, tenantId, eventTypeId, staffId, ts(start), ts(end), name, email, phone, cause.encode());
        promote(bookingId);
    }

    /** Saga step 3 seen: the customer (normalised phone). Moves to CREATE_DUE if the details are there too. */
    public void customerLinked(String bookingId, String tenantId, String name, String email, String phoneE164) {
        jdbc.update("insert into sync_booking (booking_id, tenant_id, customer_name, email, phone, customer_linked) values (?,?,?,?,?,true) "
                        + "on conflict (booking_id) do update set customer_name = excluded.customer_name, "
                        + "email = coalesce(excluded.email, sync_booking.email), phone = coalesce(excluded.phone, sync_booking.phone), customer_linked = true",
                bookingId, tenantId, name, email, phoneE164);
        promote(bookingId);
    }

    private void promote(String bookingId) {
        jdbc.update("update sync_booking set state = 'CREATE_DUE', next_attempt_at = now(), updated_at = now() "
                + "where booking_id = ? and state = 'WAITING' and has_details and customer_linked and not rejected", bookingId);
    }

    /**
     * The booking failed elsewhere (rejected, expired): whatever exists in Cal.com must go.
     * Nothing created yet → FAILED; created → COMPENSATE_DUE, due now; being created (or any
     * other state the worker owns) → unchanged, and the worker sees {@code rejected} when its
     * call returns: making an in-flight row due again would let a second worker run it at the
     * same time.
     */
    public void bookingFailed(String bookingId, String tenantId, MessageContext cause) {
        jdbc.update("insert into sync_booking (booking_id, tenant_id, rejected, state, cause) values (?,?,true,'FAILED',?) "
                + "on conflict (booking_id) do update set rejected = true, updated_at = now(), cause = excluded.cause, "
                + "next_attempt_at = case when sync_booking.state = 'CREATED' then now() else sync_booking.next_attempt_at end, "
                + "state = case when sync_booking.state in ('WAITING','CREATE_DUE') then 'FAILED' "
                + "when sync_booking.state = 'CREATED' then 'COMPENSATE_DUE' else sync_booking.state end", bookingId, tenantId, cause.encode());
    }

    /** The caller cancels a confirmed booking. */
    public boolean cancelRequested(String bookingId, String uid, MessageContext cause) {
        return jdbc.update("update sync_booking set state = 'CANCEL_DUE', calcom_uid = coalesce(?, calcom_uid), attempts = 0, cause = ?, "
                + "next_attempt_at = now(), updated_at = now() where booking_id = ? and state = 'CREATED'", uid, cause.encode(), bookingId) == 1;
    }

    /**
     * The caller moves a confirmed booking to {@code start} (UTC): a CREATED row becomes
     * RESCHEDULE_DUE, due now, knowing the booking as {@code uid} if given.
     *
     * @return false if the row is not CREATED (nothing to move, or other work under way)
     */
    public boolean rescheduleRequested(String bookingId, String uid, Instant start, MessageContext cause) {
        return jdbc.update("update sync_booking set state = 'RESCHEDULE_DUE', reschedule_to = ?, calcom_uid = coalesce(?, calcom_uid), "
                + "attempts = 0, reschedule_sent = false, cause = ?, next_attempt_at = now(), updated_at = now() where booking_id = ? and state = 'CREATED'",
                ts(start), uid, cause.encode(), bookingId) == 1;
    }

    /**
     * Notes, before the move is sent, that the current reschedule of {@code bookingId} has sent
     * (or is sending) its move to Cal.com: from then on it may have gone through.
     */
    public void rescheduleSent(String bookingId) {
        jdbc.update("update sync_booking set reschedule_sent = true where booking_id = ?", bookingId);
    }

    /**
     * Writes the outcome of claim {@code r}'s reschedule (fenced like {@link #move}): CREATED
     * again, knowing the booking as {@code uid}; when it {@code moved}, at its new start
     * ({@code reschedule_to}, keeping its length), awaiting the business's confirmation as
     * {@code awaiting} says (§4.7; null: unchanged).
     *
     * @return false if the claim had lost the row (the outcome must then be dropped)
     */
    public boolean rescheduleDone(Row r, String uid, boolean moved, Boolean awaiting, String error) {
        if (!move(r, "CREATED", uid, error, Instant.now(), null, false)) {
            return false;
        }
        jdbc.update("update sync_booking set ends_at = case when ? then reschedule_to + (ends_at - starts_at) else ends_at end, "
                + "starts_at = case when ? then reschedule_to else starts_at end, reschedule_to = null, reschedule_sent = false, "
                + "awaiting_confirmation = coalesce(?, awaiting_confirmation) where booking_id = ?",
                moved, moved, awaiting, r.bookingId());
        return true;
    }

    /**
     * Claims due work: rows in a working state whose next attempt is due, moving CREATE_DUE to
     * CREATING. Each claim takes a new lease (the row's {@code lease} plus one, returned in the
     * rows) and hides the row from other claims for {@code lease-seconds}; the worker renews it
     * while the step runs ({@link #extendLease}). A CREATING row is due when its lease ran out
     * without an outcome (the service stopped mid-create: recovery).
     */
    public List<Row> claimDue(int limit) {
        List<Row> rows = jdbc.query("select " + CLAIM_COLS + " from sync_booking where state in ('CREATE_DUE','CREATING','COMPENSATE_DUE','ORPHAN_WATCH','CANCEL_DUE','RESCHEDULE_DUE') "
                + "and next_attempt_at <= now() order by next_attempt_at limit ? for update skip locked", this::map, limit);
        for (Row r : rows) {
            jdbc.update("update sync_booking set state = case when state = 'CREATE_DUE' then 'CREATING' else state end, "
                    + "lease = ?, next_attempt_at = now() + make_interval(secs => ?) where booking_id = ?", r.lease(), leaseSeconds, r.bookingId());
        }
        return rows;
    }

    /** How long a claim hides a row from other claims unless renewed ({@code voicebooking.calcom.lease-seconds}), seconds. */
    public long leaseSeconds() {
        return leaseSeconds;
    }

    /**
     * Renews a claim that is still running its step: the row stays hidden from other claims for
     * another {@code lease-seconds}.
     *
     * @return false if the claim is over (its outcome written, or the row claimed again)
     */
    public boolean extendLease(String bookingId, long lease) {
        return jdbc.update("update sync_booking set next_attempt_at = now() + make_interval(secs => ?) where booking_id = ? and lease = ?",
                leaseSeconds, bookingId, lease) == 1;
    }

    public Optional<Row> lock(String bookingId) {
        return jdbc.query("select " + COLS + " from sync_booking where booking_id = ? for update", this::map, bookingId).stream().findFirst();
    }

    /**
     * Writes the outcome of claim {@code r}'s step: the state (and uid, error, watch window) and
     * when to look again. This ends the claim. Fenced: nothing is written if the row was claimed
     * again since (the claim's lease ran out), and the caller must then drop the outcome.
     *
     * @return false if the claim had lost the row
     */
    public boolean move(Row r, String state, String uid, String error, Instant nextAttempt, Instant watchUntil, boolean countAttempt) {
        return move(r, state, uid, error, nextAttempt, watchUntil, countAttempt ? "attempts + 1" : "0");
    }

    /**
     * As {@link #move}, leaving the count of rounds as it is: a round in which Cal.com was not
     * even asked (throttled, or turned away by the open circuit) neither counts nor starts over.
     */
    public boolean moveKeepingAttempts(Row r, String state, String error, Instant nextAttempt) {
        return move(r, state, null, error, nextAttempt, null, "attempts");
    }

    private boolean move(Row r, String state, String uid, String error, Instant nextAttempt, Instant watchUntil, String attempts) {
        boolean held = jdbc.update("update sync_booking set state = ?, calcom_uid = coalesce(?, calcom_uid), last_error = ?, next_attempt_at = ?, "
                        + "watch_until = coalesce(?, watch_until), attempts = " + attempts + ", lease = lease + 1, "
                        + "updated_at = now() where booking_id = ? and lease = ?",
                state, uid, error, ts(nextAttempt), ts(watchUntil), r.bookingId(), r.lease()) == 1;
        if (!held) {
            log.error("booking {}: the {} step outlived its lease and the row was claimed again; its outcome {} (Cal.com uid {}) is dropped",
                    r.bookingId(), r.state(), state, uid);
        }
        return held;
    }

    /**
     * Cal.com moved our booking from {@code oldUid} to a new booking {@code newUid} (§4.6):
     * later calls and webhooks concern the new uid. A row whose reschedule is under way
     * (RESCHEDULE_DUE), or that Cal.com cancelled (a booking made again afterwards is
     * {@link #revivedInCalendar}), is left as it is.
     */
    public void uidMoved(String bookingId, String oldUid, String newUid) {
        // not while our own reschedule runs: its rounds follow moves by look-up, and an outcome that keeps the old uid
        // leaves a move it did not report for reconciliation to find (rescheduled_in_calendar)
        jdbc.update("update sync_booking set calcom_uid = ?, updated_at = now() where booking_id = ? and calcom_uid = ? "
                + "and state <> 'RESCHEDULE_DUE' and not cancelled_in_calendar", newUid, bookingId, oldUid);
    }

    /**
     * Cal.com cancelled our booking {@code uid}, or the business declined it while it awaited
     * confirmation (webhook BOOKING_CANCELLED or BOOKING_REJECTED, or found by reconciliation): a
     * CREATED row with that uid becomes CANCELLED. Reconciliation also names the tenant and
     * only takes a row unchanged since {@code seenBefore}; the webhook passes null for both.
     *
     * @return true if the row changed (a drift not known before)
     */
    public boolean cancelledInCalendar(String tenantId, String bookingId, String uid, Instant seenBefore) {
        return jdbc.update("update sync_booking set state = 'CANCELLED', cancelled_in_calendar = true, "
                        + "cancelled_in_calendar_at = now(), updated_at = now() "
                        + "where booking_id = ? and calcom_uid = ? and state = 'CREATED' and (cast(? as text) is null or tenant_id = ?) "
                        + "and (cast(? as timestamptz) is null or updated_at < ?)",
                bookingId, uid, tenantId, tenantId, ts(seenBefore), ts(seenBefore)) == 1;
    }

    /**
     * Cal.com reports whether our booking {@code uid} awaits the business's confirmation
     * (§4.7): accepted ({@code awaiting} false: the business confirmed it; webhook
     * BOOKING_CREATED with status ACCEPTED) or pending ({@code awaiting} true: the create's answer
     * said so, §4.1, or a move the business must confirm, webhook BOOKING_REQUESTED with a
     * rescheduleUid), or reconciliation found it so. A CREATED row with that uid takes the flag.
     * Reconciliation also names the tenant and only takes a row unchanged since
     * {@code seenBefore}; the webhook passes null for both.
     *
     * @return true if the row changed (a change not known before)
     */
    public boolean confirmationInCalendar(String tenantId, String bookingId, String uid, boolean awaiting, Instant seenBefore) {
        return jdbc.update("update sync_booking set awaiting_confirmation = ?, updated_at = now() where booking_id = ? "
                        + "and calcom_uid = ? and state = 'CREATED' and awaiting_confirmation <> ? and (cast(? as text) is null or tenant_id = ?) "
                        + "and (cast(? as timestamptz) is null or updated_at < ?)",
                awaiting, bookingId, uid, awaiting, tenantId, tenantId, ts(seenBefore), ts(seenBefore)) == 1;
    }

    /**
     * Cal.com no longer holds our booking {@code uid} (cancelled or declined there, e.g. by an
     * operator who answered the COMPENSATION_FAILED alert by hand): a COMPENSATION_FAILED row
     * that knows it by that uid is COMPENSATED. The webhook passes null for the tenant.
     *
     * @return the row's tenant if it changed (booking-service must then be told), else empty
     */
    public Optional<String> compensationSettled(String tenantId, String bookingId, String uid) {
        return jdbc.queryForList("update sync_booking set state = 'COMPENSATED', updated_at = now() where booking_id = ? and calcom_uid = ? "
                + "and state = 'COMPENSATION_FAILED' and (cast(? as text) is null or tenant_id = ?) returning tenant_id", String.class,
                bookingId, uid, tenantId, tenantId).stream().findFirst();
    }

    /**
     * Reconciliation found that Cal.com moved our booking from {@code oldUid} to {@code newUid}
     * (§4.6) and its webhook never came: a CREATED row with {@code oldUid} of this tenant,
     * unchanged since {@code seenBefore}, follows the new uid, which awaits the business's
     * confirmation if {@code awaiting} (Cal.com lists it {@code pending}).
     *
     * @return true if the row changed (a drift not known before)
     */
    public boolean rescheduledInCalendar(String tenantId, String bookingId, String oldUid, String newUid, boolean awaiting,
                                         Instant seenBefore) {
        return jdbc.update("update sync_booking set calcom_uid = ?, awaiting_confirmation = ?, updated_at = now() where tenant_id = ? "
                + "and booking_id = ? and calcom_uid = ? and state = 'CREATED' and updated_at < ?",
                newUid, awaiting, tenantId, bookingId, oldUid, ts(seenBefore)) == 1;
    }

    /**
     * Reconciliation found our booking live in Cal.com under {@code liveUid} although its row
     * says the calendar side is gone (FAILED, COMPENSATED, CANCELLED) or its compensation gave
     * up (COMPENSATION_FAILED: it keeps its count of attempts, so each reconciliation round
     * tries once more until Cal.com takes it, instead of a new series of attempts),
     * and has not changed since {@code seenBefore}; the row knows it as
     * {@code knownUid} (the same uid, or the one it was moved from, §4.6) or has no uid. The row
     * goes back to COMPENSATE_DUE with the live uid, so the worker cancels it.
     *
     * @return true if the row changed
     */
    public boolean reopenOrphan(String tenantId, String bookingId, String knownUid, String liveUid, Instant seenBefore) {
        return jdbc.update("update sync_booking set state = 'COMPENSATE_DUE', calcom_uid = ?, next_attempt_at = now(), "
                + "attempts = case when state = 'COMPENSATION_FAILED' then attempts else 0 end, "
                + "last_error = 'reconciliation: still live in Cal.com', updated_at = now() where tenant_id = ? and booking_id = ? "
                + "and state in " + REOPENABLE + " and not cancelled_in_calendar and (calcom_uid is null or calcom_uid = ?) "
                + "and updated_at < ?", liveUid, tenantId, bookingId, knownUid, ts(seenBefore)) == 1;
    }

    /**
     * A live Cal.com booking {@code live} of ours turned up for a row Cal.com had cancelled
     * ({@link #cancelledInCalendar}; e.g. staff asked the customer to reschedule and the customer
     * booked again through Cal.com's link): made again from the cancelled booking
     * ({@code rescheduledFromUid}) or made after we learnt of the cancel ({@code createdAt}), it is
     * the business's doing, so it is left standing and the row, still CANCELLED, takes its uid
     * (so later rounds neither report it again nor take it for an orphan or a duplicate). One
     * made before is a duplicate of ours, not this. Only a row unchanged since {@code seenBefore}.
     *
     * @return true if the row took the uid (the first time it is seen)
     */
    public boolean revivedInCalendar(String tenantId, String bookingId, Listed live, Instant seenBefore) {
        return jdbc.update("update sync_booking set calcom_uid = ?, updated_at = now() where tenant_id = ? and booking_id = ? "
                + "and state = 'CANCELLED' and cancelled_in_calendar and calcom_uid is distinct from ? and updated_at < ? "
                // made again from the cancelled one, or made after we learnt of the cancel (not a duplicate of ours from before)
                + "and (calcom_uid = ? or cancelled_in_calendar_at < cast(? as timestamptz))",
                live.uid(), tenantId, bookingId, live.uid(), ts(seenBefore), live.rescheduledFromUid(), ts(live.createdAt())) == 1;
    }

    /**
     * The booking of {@code bookingId} was found cancelled in Cal.com by our own step (a
     * reschedule that found it gone): marked as {@link #cancelledInCalendar} marks it.
     */
    public void markCancelledInCalendar(String bookingId) {
        jdbc.update("update sync_booking set cancelled_in_calendar = true, cancelled_in_calendar_at = now() "
                + "where booking_id = ? and not cancelled_in_calendar", bookingId);
    }

    /**
     * The Cal.com uid our row of {@code bookingId} (of this tenant) knows, if the row is settled
     * (CREATED, or ended: FAILED, COMPENSATED, CANCELLED; no work under way) and has not changed
     * since {@code seenBefore}: reconciliation's check for duplicates.
     */
    public Optional<String> settledUid(String tenantId, String bookingId, Instant seenBefore) {
        return jdbc.queryForList("select calcom_uid from sync_booking where tenant_id = ? and booking_id = ? and calcom_uid is not null "
                + "and (state = 'CREATED' or state in " + ENDED + ") and updated_at < ?", String.class, tenantId, bookingId,
                ts(seenBefore)).stream().findFirst();
    }

    /**
     * Whether our row of {@code bookingId} (of this tenant) knows its Cal.com booking as
     * {@code uid}, or is an ended row without a uid (a create that was never confirmed), which
     * {@link #reopenOrphan} also takes.
     */
    public boolean knowsAs(String tenantId, String bookingId, String uid) {
        Integer n = jdbc.queryForObject("select count(*) from sync_booking where tenant_id = ? and booking_id = ? and (calcom_uid = ? "
                + "or (calcom_uid is null and state in " + ENDED + "))", Integer.class, tenantId, bookingId, uid);
        return n != null && n > 0;
    }

    /**
     * An ended row (FAILED, COMPENSATED, CANCELLED) that knows its booking as {@code oldUid} or
     * not at all takes {@code lastUid}, where Cal.com's chain of moves ended in a cancellation:
     * reconciliation need not follow that chain again.
     */
    public boolean settleMovedUid(String tenantId, String bookingId, String oldUid, String lastUid) {
        return jdbc.update("update sync_booking set calcom_uid = ? where tenant_id = ? and booking_id = ? "
                + "and (calcom_uid = ? or calcom_uid is null) and state in " + ENDED,
                lastUid, tenantId, bookingId, oldUid) == 1;
    }

    /**
     * The latest start (UTC) of tenant {@code tenantId}'s rows whose Cal.com side may still hold
     * an orphan: FAILED (the orphan watch ended) or COMPENSATION_FAILED, changed within the last
     * {@code days} days; empty for none. Reconciliation lists Cal.com at least that far ahead.
     */
    public Optional<Instant> furthestUnsettledStart(String tenantId, int days) {
        Timestamp latest = jdbc.queryForObject("select max(starts_at) from sync_booking where tenant_id = ? "
                + "and state in ('FAILED', 'COMPENSATION_FAILED') and updated_at > now() - make_interval(days => ?)", Timestamp.class, tenantId, days);
        return Optional.ofNullable(latest).map(Timestamp::toInstant);
    }

    /** For webhooks: our booking id of a Cal.com uid, if we made it. */
    public Optional<String> bookingIdOf(String uid) {
        return jdbc.queryForList("select booking_id from sync_booking where calcom_uid = ?", String.class, uid).stream().findFirst();
    }

    /**
     * The member booking-service holds booking {@code bookingId} with ({@code staffId}, from its
     * BookingConfirmed): the row keeps it, so reconciliation can tell when Cal.com names another host.
     */
    public void hostIs(String bookingId, String staffId) {
        jdbc.update("update sync_booking set staff_id = ? where booking_id = ? and staff_id is distinct from ?", staffId, bookingId, staffId);
    }

    /** What {@link #reportHost} found: nothing to tell, a host not told before, or one told over an hour ago. */
    public enum HostReport { NONE, FIRST, AGAIN }

    /**
     * Whether booking-service is to be told (again) that Cal.com names {@code staffId} as the host
     * of CREATED booking {@code uid} of ours, which the row holds with another member (staff
     * reassigned it, or a move gave it another host), the row unchanged since {@code seenBefore}:
     * {@link HostReport#FIRST} for a host not told before, {@link HostReport#AGAIN} for one told
     * and still not followed (booking-service may not have been able to yet, e.g. while the
     * host's other booking here is being cancelled): each round within 15 minutes of the first
     * telling, then once an hour; else {@link HostReport#NONE}. A report is recorded on the row ({@code host_reported},
     * {@code host_reported_at} at the first, {@code host_retold_at} at each); the staff id itself
     * follows booking-service ({@link #hostIs}). A row that holds the booking with {@code staffId}
     * forgets an earlier report (staff gave the booking back, or booking-service followed).
     */
    public HostReport reportHost(String tenantId, String bookingId, String uid, String staffId, Instant seenBefore) {
        if (jdbc.update("update sync_booking set host_reported = null, host_reported_at = null, host_retold_at = null "
                + "where tenant_id = ? and booking_id = ? and calcom_uid = ? and staff_id = ? and host_reported is not null",
                tenantId, bookingId, uid, staffId) == 1) {
            return HostReport.NONE;
        }
        // o: the row before this update (a self-join reads it as the statement found it)
        List<Boolean> told = jdbc.queryForList("update sync_booking s set host_reported = ?, host_retold_at = now(), "
                + "host_reported_at = case when o.host_reported is not distinct from ? then o.host_reported_at else now() end "
                + "from sync_booking o where o.booking_id = s.booking_id and s.tenant_id = ? and s.booking_id = ? "
                + "and s.calcom_uid = ? and s.state = 'CREATED' and s.staff_id is distinct from ? and s.updated_at < ? "
                // on s, the row as it is when locked: a second reconciler waiting on the lock sees the first one's report
                + "and (s.host_reported is distinct from ? or s.host_retold_at < now() - interval '1 hour' "
                + "or s.host_reported_at > now() - interval '15 minutes') "
                + "returning o.host_reported is not distinct from ?", Boolean.class,
                staffId, staffId, tenantId, bookingId, uid, staffId, ts(seenBefore), staffId, staffId);
        return told.isEmpty() ? HostReport.NONE : told.get(0) ? HostReport.AGAIN : HostReport.FIRST;
    }

    /** Forgets webhook deliveries recorded before {@code before} (UTC); returns how many. */
    public int forgetWebhooksBefore(Instant before) {
        return jdbc.update("delete from webhook_seen where seen_at < ?", ts(before));
    }

    /** Records a webhook delivery; false if it was seen before. */
    public boolean firstWebhook(String key) {
        return jdbc.update("insert into webhook_seen (dedup_key) values (?) on conflict do nothing", key) == 1;
    }

    private Row map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getString(2), (Long) rs.getObject(3), rs.getString(4), inst(rs.getTimestamp(5)),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getString(10),
                rs.getString(11), rs.getInt(12), inst(rs.getTimestamp(13)), MessageContext.decode(rs.getString(14)),
                inst(rs.getTimestamp(15)), rs.getBoolean(16), rs.getLong(17));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant inst(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
