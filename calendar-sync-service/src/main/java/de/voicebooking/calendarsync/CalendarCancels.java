package de.voicebooking.calendarsync;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.avro.CalendarBookingCancelled;
import de.voicebooking.avro.CalendarCancelFailed;
import de.voicebooking.avro.CalendarCompensationFailed;
import de.voicebooking.calendarsync.SyncRepository.Row;
import de.voicebooking.calendarsync.calcom.CalcomClient;
import de.voicebooking.calendarsync.calcom.CalcomOutcome;
import de.voicebooking.calendarsync.calcom.CalcomOutcome.Kind;

/**
 * Cancels in Cal.com: the caller's cancel and the saga's compensation (DESIGN §5.6). Both first
 * ask where the booking lives now ({@code GET /v2/bookings/{uid}} following
 * {@code rescheduledToUid}, §4.6), because cancelling a moved booking's old uid answers 200
 * and leaves the appointment standing. Compensation is retried with exponential backoff
 * ({@link RetryRounds}) and, after {@code compensation-attempts} attempts, reported as
 * CalendarCompensationFailed for an operator; the row stays COMPENSATION_FAILED until
 * reconciliation finds the booking still live in Cal.com and makes it due again, for one
 * attempt a round ({@link SyncRepository#reopenOrphan}).
 */
@Component
public class CalendarCancels {
    private static final Logger log = LoggerFactory.getLogger(CalendarCancels.class);
    private final SyncRepository repo;
    private final CalcomClient calcom;
    private final CalendarOutcomes outcomes;
    private final TransactionTemplate tx;
    private final SlotRefresher refresher;
    private final CalcomApiKeys keys;
    private final RetryRounds rounds;

    public CalendarCancels(SyncRepository repo, CalcomClient calcom, CalendarOutcomes outcomes, TransactionTemplate tx,
                           SlotRefresher refresher, CalcomApiKeys keys, RetryRounds rounds) {
        this.repo = repo;
        this.calcom = calcom;
        this.outcomes = outcomes;
        this.tx = tx;
        this.refresher = refresher;
        this.keys = keys;
        this.rounds = rounds;
    }

    /**
     * A CANCEL_DUE row (the caller's cancel): cancels the booking where it lives now, so the
     * appointment the caller is told is cancelled really is. Cancelled or already gone →
     * CalendarBookingCancelled. A cancel that was sent but whose outcome Cal.com would not tell
     * (no answer, and the look-up after it did not show it cancelled; or an earlier round's such
     * cancel) may have worked, so it is not reported as failed yet: the row stays CANCEL_DUE and
     * after the compensation's backoff is looked up again and, if still live, cancelled again,
     * until settled; once {@code compensation-attempts} rounds have passed, it only looks: a
     * booking still live is reported as failed, one Cal.com cannot tell about is looked at again
     * every {@link RetryRounds#OVERDUE_PERIOD}, logged as an error. It is never reported as failed
     * while it may have worked (the caller meanwhile hears that the cancellation is still running).
     * Otherwise the row is CREATED again and CalendarCancelFailed says why
     * ({@code calendar_unavailable} or {@code rejected_by_calendar}).
     */
    void cancel(Row r) {
        String key = keys.forTenant(r.tenantId());
        CalcomOutcome now = calcom.current(key, r.calcomUid());
        String uid = now.is(Kind.OK) || now.is(Kind.GONE) ? now.value() : r.calcomUid();
        // the rounds used up after a cancel was sent: only look (it did not work if the booking is still live)
        boolean onlyLook = r.attempts() > 0 && !rounds.another(r);
        CalcomOutcome sent = now.is(Kind.OK) && !onlyLook ? calcom.cancel(key, uid, "Abgesagt vom Anrufer") : now;
        // an unanswered cancel may have worked: ask before telling the caller it failed
        boolean stillLive = onlyLook && now.is(Kind.OK); // seen live after the rounds: the cancels did not work
        CalcomOutcome out = stillLive ? CalcomOutcome.of(Kind.UNCERTAIN, "still live in Cal.com after " + r.attempts() + " rounds")
                : now.is(Kind.OK) && sent.is(Kind.UNCERTAIN) && calcom.current(key, uid).is(Kind.GONE) ? CalcomOutcome.ok(uid) : sent;
        if (!uid.equals(r.calcomUid())) {
            log.info("booking {}: Cal.com moved {} to {}; cancelling that", r.bookingId(), r.calcomUid(), uid);
        }
        // sent now or in an earlier round (a row counts only such rounds), and Cal.com did not say it failed
        boolean maybeCancelled = (now.is(Kind.OK) && sent.is(Kind.UNCERTAIN) || r.attempts() > 0) && !out.is(Kind.REJECTED) && !stillLive;
        tx.executeWithoutResult(s -> {
            if (out.nothingStands()) {
                if (repo.move(r, "CANCELLED", uid, null, Instant.now(), null, false)) {
                    outcomes.emit(r, new CalendarBookingCancelled(uid));
                }
            } else if (maybeCancelled) {
                boolean overdue = !rounds.another(r);
                if (overdue) {
                    log.error("booking {}: cancel of {} sent, but after {} rounds Cal.com still does not tell whether it worked ({}); "
                            + "not reported as failed, looking again every {} s", r.bookingId(), uid, r.attempts() + 1, out.detail(),
                            RetryRounds.OVERDUE_PERIOD.toSeconds());
                } else {
                    log.warn("booking {}: cancel of {} sent, but Cal.com did not tell whether it worked ({}); looking again", r.bookingId(),
                            uid, out.detail());
                }
                Instant next = overdue ? rounds.overdueTry() : rounds.nextTry(r);
                if (out.is(Kind.RATE_LIMITED)) { // Cal.com was not even asked (throttled, or the open circuit): no round used up
                    repo.moveKeepingAttempts(r, "CANCEL_DUE", out.detail(), next);
                } else {
                    repo.move(r, "CANCEL_DUE", null, out.detail(), next, null, true);
                }
            } else {
                if (repo.move(r, "CREATED", null, out.detail(), Instant.now(), null, false)) {
                    outcomes.emit(r, new CalendarCancelFailed(r.calcomUid(), out.is(Kind.REJECTED) ? "rejected_by_calendar" : "calendar_unavailable"));
                }
            }
        });
        refresher.refreshSoon(r.tenantId(), r.eventTypeId(), null); // the row knows whom we held, not always the host
    }

    /**
     * A COMPENSATE_DUE row: cancels the Cal.com booking of a saga that failed. Without a uid it
     * is looked up by our booking id first; none found → COMPENSATED with nothing to cancel.
     */
    void compensate(Row r) {
        String key = keys.forTenant(r.tenantId());
        String uid = r.calcomUid();
        if (uid == null) {
            CalcomOutcome found = calcom.findByBookingId(key, r.eventTypeId(), r.startsAt(), r.bookingId());
            if (found.is(Kind.NOT_FOUND) || found.is(Kind.GONE)) { // nothing of ours stands
                tx.executeWithoutResult(s -> repo.move(r, "COMPENSATED", found.is(Kind.GONE) ? found.value() : null, null, Instant.now(),
                        null, false));
                return;
            }
            uid = found.is(Kind.OK) ? found.value() : null;
        } else {
            CalcomOutcome now = calcom.current(key, uid);
            if (now.is(Kind.GONE) || now.is(Kind.NOT_FOUND)) {
                finishCompensation(r, now, now.is(Kind.GONE) ? now.value() : uid);
                return;
            }
            uid = now.is(Kind.OK) ? now.value() : null;
        }
        CalcomOutcome out = uid == null ? CalcomOutcome.of(Kind.UNCERTAIN, "look-up failed")
                : calcom.cancel(key, uid, "Automatisch storniert: Buchung fehlgeschlagen");
        finishCompensation(r, out, uid);
    }

    /**
     * Records a compensation's outcome: done, tried again after a backoff, or given up and
     * reported. A compensation done after it was given up (a row reopened by reconciliation keeps
     * its {@code attempts}, at least {@code compensation-attempts}) is reported too, as
     * CalendarBookingCancelled, so booking-service no longer shows it as COMPENSATION_FAILED.
     */
    private void finishCompensation(Row r, CalcomOutcome out, String cancelledUid) {
        tx.executeWithoutResult(s -> {
            if (out.nothingStands()) {
                log.info("booking {}: compensated, Cal.com booking {} cancelled", r.bookingId(), cancelledUid);
                if (repo.move(r, "COMPENSATED", cancelledUid, null, Instant.now(), null, false) && rounds.givenUp(r)) {
                    outcomes.emit(r, new CalendarBookingCancelled(cancelledUid));
                }
            } else if (!rounds.another(r)) {
                log.error("booking {}: compensation failed {} times, giving up: {}", r.bookingId(), r.attempts() + 1, out.detail());
                if (repo.move(r, "COMPENSATION_FAILED", cancelledUid, out.detail(), Instant.now(), null, true)) {
                    outcomes.emit(r, new CalendarCompensationFailed(cancelledUid, String.valueOf(out.detail())));
                }
            } else if (out.is(Kind.RATE_LIMITED)) { // Cal.com was not even asked (throttled, or the open circuit): no round used up
                repo.moveKeepingAttempts(r, "COMPENSATE_DUE", out.detail(), rounds.nextTry(r));
            } else {
                repo.move(r, "COMPENSATE_DUE", cancelledUid, out.detail(), rounds.nextTry(r), null, true);
            }
        });
        refresher.refreshSoon(r.tenantId(), r.eventTypeId(), null); // the row knows whom we held, not always the host
    }
}
