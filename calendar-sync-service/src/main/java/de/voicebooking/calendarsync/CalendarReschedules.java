package de.voicebooking.calendarsync;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.avro.CalendarBookingRescheduled;
import de.voicebooking.avro.CalendarRescheduleFailed;
import de.voicebooking.calendarsync.SyncRepository.Row;
import de.voicebooking.calendarsync.calcom.CalcomClient;
import de.voicebooking.calendarsync.calcom.CalcomOutcome;
import de.voicebooking.calendarsync.calcom.CalcomOutcome.Kind;

/**
 * The caller's reschedule in Cal.com (DESIGN §5, a RESCHEDULE_DUE row): {@code POST
 * /v2/bookings/{uid}/reschedule} (calcom-api-v2.md §4.6), which makes a new booking with a new
 * uid and cancels the old one. Every round first asks where the booking lives now
 * ({@code GET /v2/bookings/{uid}} following {@code rescheduledToUid}): one already at the new
 * start was moved by an earlier round whose answer was lost, and is not moved again. Cal.com
 * has no idempotency key, so a reschedule whose outcome Cal.com would not tell is looked up
 * again after the backoff of {@link RetryRounds} (after a move sent without an answer, not
 * before Cal.com has had time to finish it), and sent again only if the booking is not at its
 * new start, until settled or {@code compensation-attempts} rounds have passed (the last round
 * only looks; then reported as {@code calendar_unavailable}). A move that was sent may have gone
 * through: it is reported as failed only after a look-up shows the booking not at its new start;
 * while Cal.com cannot tell, it is looked at again every {@link RetryRounds#OVERDUE_PERIOD},
 * logged as an error, and booking-service keeps the booking pending. Outcomes: CalendarBookingRescheduled with the
 * new uid; or CalendarRescheduleFailed with {@code slot_taken}, {@code rejected_by_calendar},
 * {@code calendar_unavailable} (the booking stays where it was) or {@code cancelled_in_calendar}
 * (it was cancelled in Cal.com meanwhile: the row is CANCELLED).
 */
@Component
public class CalendarReschedules {
    private static final Logger log = LoggerFactory.getLogger(CalendarReschedules.class);
    private final SyncRepository repo;
    private final CalcomClient calcom;
    private final CalendarOutcomes outcomes;
    private final TransactionTemplate tx;
    private final SlotRefresher refresher;
    private final CalcomApiKeys keys;
    private final RetryRounds rounds;
    private final CalcomHosts hosts;

    public CalendarReschedules(SyncRepository repo, CalcomClient calcom, CalendarOutcomes outcomes, TransactionTemplate tx,
                               SlotRefresher refresher, CalcomApiKeys keys, RetryRounds rounds, CalcomHosts hosts) {
        this.repo = repo;
        this.calcom = calcom;
        this.outcomes = outcomes;
        this.tx = tx;
        this.refresher = refresher;
        this.keys = keys;
        this.rounds = rounds;
        this.hosts = hosts;
    }

    /**
     * One round of a RESCHEDULE_DUE row, moving its booking to {@code r.rescheduleTo()}. A refusal
     * is reported only after a second look shows the booking still where it was ({@link #refused});
     * the last round after an unanswered move only looks.
     */
    void reschedule(Row r) {
        String key = keys.forTenant(r.tenantId());
        CalcomClient.Current now = calcom.currentBooking(key, r.calcomUid());
        if (now.outcome().is(Kind.GONE) || now.outcome().is(Kind.NOT_FOUND)) {
            fail(r, "CANCELLED", "cancelled_in_calendar", now.outcome());
        } else if (now.outcome().is(Kind.UNAUTHORIZED) && r.attempts() == 0) { // our key refused before anything was sent: nothing moved
            fail(r, "CREATED", "calendar_unavailable", now.outcome());
        } else if (!now.outcome().is(Kind.OK)) {
            unsettled(r, now.outcome(), false);
        } else if (r.rescheduleTo().equals(now.booking().start())) {
            log.info("booking {}: already at its new start in Cal.com as {}", r.bookingId(), now.booking().uid());
            done(r, now.booking().uid(), now.outcome().awaitingConfirmation(), hosts.staffOf(r, now.booking().host()));
        } else if (r.attempts() > 0 && !rounds.another(r)) {
            fail(r, "CREATED", "calendar_unavailable", CalcomOutcome.of(Kind.UNCERTAIN, "not moved after " + r.attempts() + " rounds"));
        } else {
            tx.executeWithoutResult(s -> repo.rescheduleSent(r.bookingId())); // before it is sent: from now on it may go through
            CalcomOutcome sent = calcom.reschedule(key, now.booking().uid(), r.rescheduleTo(), "Verschoben vom Anrufer");
            if (sent.is(Kind.OK)) { // Cal.com names the moved booking's host: its round robin may have chosen another
                done(r, sent.value(), sent.awaitingConfirmation(), hosts.staffOf(r, sent.host()));
            } else if (sent.is(Kind.UNCERTAIN)) {
                unsettled(r, sent, true); // it may have gone through: the next round looks first, once Cal.com has had time
            } else {
                refused(key, r, sent);
            }
        }
        refresher.refreshSoon(r.tenantId(), r.eventTypeId(), null);
    }

    /**
     * Cal.com refused the move ({@code sent}). Looked at again first, since the refusal may come
     * from a move of an earlier round landing meanwhile ("rescheduled already", or its new booking
     * taking the time) or from the booking being cancelled meanwhile: at its new start → done;
     * cancelled → {@code cancelled_in_calendar}; not told, moved by someone else since the look-up,
     * or an earlier round's move still outstanding ({@code attempts} above 0) → looked at again in
     * the next round; else the refusal
     * is reported ({@code slot_taken}, {@code rejected_by_calendar}, {@code calendar_unavailable}).
     */
    private void refused(String key, Row r, CalcomOutcome sent) {
        CalcomClient.Current again = calcom.currentBooking(key, r.calcomUid());
        if (again.outcome().is(Kind.GONE) || again.outcome().is(Kind.NOT_FOUND)) {
            fail(r, "CANCELLED", "cancelled_in_calendar", again.outcome());
        } else if (again.outcome().is(Kind.OK) && r.rescheduleTo().equals(again.booking().start())) {
            log.info("booking {}: refused ({}), but a move landed meanwhile", r.bookingId(), sent.detail());
            done(r, again.booking().uid(), again.outcome().awaitingConfirmation(), hosts.staffOf(r, again.booking().host()));
        } else if (!again.outcome().is(Kind.OK) || movedSinceLookUp(sent) || r.attempts() > 0 && rounds.another(r)) {
            unsettled(r, sent, false);
        } else {
            fail(r, "CREATED", sent.is(Kind.SLOT_TAKEN) ? "slot_taken" : sent.is(Kind.REJECTED) || sent.is(Kind.NOT_FOUND)
                    ? "rejected_by_calendar" : "calendar_unavailable", sent);
        }
    }

    /** Cal.com refused because the booking was moved since this round looked (400 "… rescheduled already to booking with uid=…", §4.6). */
    private static boolean movedSinceLookUp(CalcomOutcome sent) {
        return sent.is(Kind.REJECTED) && sent.detail() != null && sent.detail().contains("rescheduled already");
    }

    /** Moved to {@code uid}; {@code hostStaff} the host Cal.com named for it (by the move's answer or the look-up; null: not told). */
    private void done(Row r, String uid, boolean awaiting, String hostStaff) {
        tx.executeWithoutResult(s -> {
            if (repo.rescheduleDone(r, uid, true, awaiting, null)) {
                log.info("booking {}: rescheduled in Cal.com, {} -> {}", r.bookingId(), r.calcomUid(), uid);
                outcomes.emit(r, new CalendarBookingRescheduled(r.calcomUid(), uid, r.rescheduleTo(), awaiting, hostStaff));
            }
        });
    }

    /** Not moved: the row is {@code state} again (CREATED, or CANCELLED when Cal.com has it cancelled) and booking-service is told why. */
    private void fail(Row r, String state, String reason, CalcomOutcome out) {
        tx.executeWithoutResult(s -> {
            boolean held = state.equals("CREATED") ? repo.rescheduleDone(r, null, false, null, out.detail())
                    : repo.move(r, state, null, out.detail(), Instant.now(), null, false);
            if (held && "cancelled_in_calendar".equals(reason)) {
                repo.markCancelledInCalendar(r.bookingId()); // a rebooking of it later is the business's, not an orphan
            }
            if (held) {
                log.info("booking {}: not rescheduled in Cal.com ({}: {} {})", r.bookingId(), reason, out.kind(), out.detail());
                outcomes.emit(r, new CalendarRescheduleFailed(r.calcomUid(), reason, out.detail()));
            }
        });
    }

    /**
     * Cal.com did not tell ({@code out}; {@code unanswered}: it was this round's move that got no
     * answer): looked at again after the backoff. When the rounds are used up, reported as
     * unavailable if no move was ever sent; otherwise the move may have gone through, so it is not
     * reported as failed but looked at again every {@link RetryRounds#OVERDUE_PERIOD}, logged as an error.
     */
    private void unsettled(Row r, CalcomOutcome out, boolean unanswered) {
        if (!rounds.another(r) && !unanswered && !r.rescheduleSent()) {
            fail(r, "CREATED", "calendar_unavailable", out);
            return;
        }
        Instant next;
        if (!rounds.another(r)) {
            log.error("booking {}: reschedule of {} sent, but after {} rounds Cal.com still does not tell whether it moved ({} {}); "
                    + "not reported as failed, looking again every {} s", r.bookingId(), r.calcomUid(), r.attempts() + 1, out.kind(),
                    out.detail(), RetryRounds.OVERDUE_PERIOD.toSeconds());
            next = rounds.overdueTry();
        } else {
            log.warn("booking {}: reschedule of {} not settled ({} {}); looking again", r.bookingId(), r.calcomUid(), out.kind(), out.detail());
            next = unanswered ? rounds.nextTryAfterUnansweredMove(r) : rounds.nextTry(r);
        }
        tx.executeWithoutResult(s -> repo.move(r, "RESCHEDULE_DUE", null, out.detail(), next, null, true));
    }
}
