package de.voicebooking.calendarsync;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.avro.CalendarBookingCreated;
import de.voicebooking.avro.CalendarBookingFailed;
import de.voicebooking.calendarsync.SyncRepository.Row;
import de.voicebooking.calendarsync.calcom.CalcomClient;
import de.voicebooking.calendarsync.calcom.CalcomOutcome;
import de.voicebooking.calendarsync.calcom.CalcomOutcome.Kind;
import de.voicebooking.schemas.tenant.TenantDirectory;

/**
 * Saga step 4 in Cal.com: creates the booking of a {@code sync_booking} row and watches for
 * orphans. Creation is never retried blindly: an uncertain outcome is followed by a look-up by
 * our booking id in the metadata; if the booking is not found the saga is told it failed
 * ({@code calendar_unavailable}) and the row is watched for {@code orphan-watch-minutes},
 * moving any booking that appears later to compensation. A 429 is refused before Cal.com's
 * handler runs, so it fails the booking the same way without a look-up or a watch. A create that did not finish leaves
 * the row CREATING; {@link #recover} looks it up first and creates again only when Cal.com has
 * no booking with our id and the saga still wants one. A booking Cal.com makes as {@code pending}
 * (its event type requires confirmation, calcom-api-v2.md §4.1) is reported so: the saga tells
 * the caller the business still has to confirm it.
 */
@Component
public class CalendarCreates {
    private static final Logger log = LoggerFactory.getLogger(CalendarCreates.class);
    private final SyncRepository repo;
    private final CalcomClient calcom;
    private final CalendarOutcomes outcomes;
    private final TransactionTemplate tx;
    private final TenantDirectory tenants;
    private final SlotRefresher refresher;
    private final CalcomApiKeys keys;
    private final CalcomHosts hosts;
    private final Duration orphanWatch;

    public CalendarCreates(SyncRepository repo, CalcomClient calcom, CalendarOutcomes outcomes, TransactionTemplate tx,
                           TenantDirectory tenants, SlotRefresher refresher, CalcomApiKeys keys, CalcomHosts hosts,
                           @Value("${voicebooking.calcom.orphan-watch-minutes:10}") long orphanWatchMinutes) {
        this.repo = repo;
        this.calcom = calcom;
        this.outcomes = outcomes;
        this.tx = tx;
        this.tenants = tenants;
        this.refresher = refresher;
        this.keys = keys;
        this.hosts = hosts;
        this.orphanWatch = Duration.ofMinutes(orphanWatchMinutes);
    }

    /** A CREATE_DUE row: {@code POST /v2/bookings} with our ids in the metadata (§4.3), then the outcome. */
    void create(Row r) {
        create(r, false);
    }

    /**
     * As {@link #create(Row)}; {@code afterUnfinished}: an earlier create of this row did not
     * finish, so its POST may still land. "Slot taken" may then be our own booking, not found by
     * the look-up yet: that is uncertain (watched for an orphan), not a taken slot.
     */
    private void create(Row r, boolean afterUnfinished) {
        String key = keys.forTenant(r.tenantId());
        String zone = tenants.get(r.tenantId()).map(t -> t.config().getTimeZone()).orElse("Europe/Berlin");
        CalcomOutcome out = calcom.create(key, r.eventTypeId(), r.startsAt(), r.customerName(), r.email(), r.phone(), zone,
                Map.of("bookingId", r.bookingId(), "tenantId", r.tenantId(), "staffId", r.staffId()));
        if (afterUnfinished && out.is(Kind.SLOT_TAKEN)) {
            out = CalcomOutcome.of(Kind.UNCERTAIN, "slot taken after an unfinished create: " + out.detail());
        }
        if (afterUnfinished && out.is(Kind.RATE_LIMITED)) { // this one was not sent, but the unfinished one may still land: watched
            out = CalcomOutcome.of(Kind.UNCERTAIN, "not sent after an unfinished create: " + out.detail());
        }
        if (out.is(Kind.UNCERTAIN)) {
            log.warn("booking {}: Cal.com create uncertain ({}), looking it up", r.bookingId(), out.detail());
            CalcomOutcome found = calcom.findByBookingId(key, r.eventTypeId(), r.startsAt(), r.bookingId());
            out = found.is(Kind.OK) ? found : found.is(Kind.GONE) ? cancelledInCalendar(found) : out;
        }
        applyCreateOutcome(r, out);
    }

    /** Our booking {@code gone} was cancelled (or declined) in Cal.com before we knew it was made: refused, never made again. */
    private static CalcomOutcome cancelledInCalendar(CalcomOutcome gone) {
        return CalcomOutcome.of(Kind.REJECTED, "our booking " + gone.value() + " is already " + gone.detail() + " in Cal.com");
    }

    /**
     * A row left CREATING past its lease: looks our booking up in Cal.com. Found → as if the
     * create had answered; found cancelled (staff cancelled it meanwhile) → refused
     * ({@code rejected_by_calendar}), never made again; not found → created now if the saga
     * still waits, else watched for an orphan; look-up failed → tried again in 5 s.
     */
    void recover(Row r) {
        CalcomOutcome found = calcom.findByBookingId(keys.forTenant(r.tenantId()), r.eventTypeId(), r.startsAt(), r.bookingId());
        log.warn("booking {}: recovering an unfinished create, look-up {}", r.bookingId(), found.kind());
        if (found.is(Kind.OK)) {
            applyCreateOutcome(r, found);
        } else if (found.is(Kind.GONE) && !r.rejected()) { // staff cancelled it meanwhile: not made again
            applyCreateOutcome(r, cancelledInCalendar(found));
        } else if (found.is(Kind.NOT_FOUND) && !r.rejected()) {
            create(r, true);
        } else if (found.is(Kind.NOT_FOUND) || found.is(Kind.GONE)) {
            tx.executeWithoutResult(s -> repo.move(r, "ORPHAN_WATCH", null, null, Instant.now().plusSeconds(5),
                    Instant.now().plus(orphanWatch), false));
        } else {
            tx.executeWithoutResult(s -> repo.move(r, "CREATING", null, found.detail(), Instant.now().plusSeconds(5), null, true));
        }
    }

    private void applyCreateOutcome(Row r, CalcomOutcome result) {
        if (!result.is(Kind.OK)) {
            log.warn("booking {}: Cal.com did not make the booking ({}: {})", r.bookingId(), result.kind(), result.detail());
        }
        String[] rowKnows = new String[1];
        String[] host = new String[1]; // our staff id of the host of a booking that stands; else unknown
        tx.executeWithoutResult(s -> {
            Row now = repo.lock(r.bookingId()).orElse(r);
            switch (result.kind()) {
                case OK -> {
                    boolean held = now.rejected() ? repo.move(r, "COMPENSATE_DUE", result.value(), null, Instant.now(), null, false)
                            : repo.move(r, "CREATED", result.value(), null, Instant.now(), null, false);
                    if (held && !now.rejected()) {
                        if (result.awaitingConfirmation()) {
                            repo.confirmationInCalendar(null, r.bookingId(), result.value(), true, null);
                        }
                        host[0] = hosts.staffOf(r, result.host());
                        outcomes.emit(r, new CalendarBookingCreated(result.value(), host[0], result.awaitingConfirmation()));
                    }
                    if (!held && now.calcomUid() != null) { // a newer claim owns the row: ours is a duplicate unless it is the row's
                        rowKnows[0] = now.calcomUid();
                    } else if (!held && SyncRepository.ENDED_STATES.contains(now.state())) { // ended on no booking: it never takes ours
                        rowKnows[0] = "";
                    } // else still under way: its claim may look ours up and keep it, or its orphan watch will find it
                }
                case SLOT_TAKEN -> {
                    if (repo.move(r, "FAILED", null, result.detail(), Instant.now(), null, false)) {
                        outcomes.emit(r, new CalendarBookingFailed("slot_taken", result.detail()));
                    }
                }
                case RATE_LIMITED, UNAUTHORIZED -> { // refused before it ran (§6.2, §2): nothing can appear later
                    if (repo.move(r, "FAILED", null, result.detail(), Instant.now(), null, false)) {
                        outcomes.emit(r, new CalendarBookingFailed("calendar_unavailable", result.detail()));
                    }
                }
                case UNCERTAIN -> {
                    if (repo.move(r, "ORPHAN_WATCH", null, result.detail(), Instant.now().plusSeconds(5),
                            Instant.now().plus(orphanWatch), false)) {
                        outcomes.emit(r, new CalendarBookingFailed("calendar_unavailable", result.detail()));
                    }
                }
                default -> {
                    if (repo.move(r, "FAILED", null, result.detail(), Instant.now(), null, false)) {
                        outcomes.emit(r, new CalendarBookingFailed("rejected_by_calendar", result.detail()));
                    }
                }
            }
        });
        if (rowKnows[0] != null && !rowKnows[0].equals(result.value())) {
            cancelDuplicate(r, result.value(), rowKnows[0]);
        }
        if (result.is(Kind.OK)) {
            refresher.refreshSoon(r.tenantId(), r.eventTypeId(), host[0]);
        }
    }

    /**
     * A create whose claim had lost the row (the service stalled past its lease) made booking
     * {@code uid} although the row's newer claim already stands on {@code kept} (empty: the row
     * has ended on no booking, e.g. it failed as "slot taken" because of this very booking, and
     * the caller heard so): {@code uid} is a duplicate or orphan nobody tracks, so it is cancelled
     * at once. If that fails, reconciliation finds it ({@link Reconciler}: a duplicate beside
     * {@code kept}, an orphan of a row ended without a uid) and cancels it then.
     */
    private void cancelDuplicate(Row r, String uid, String kept) {
        CalcomOutcome out = calcom.cancel(keys.forTenant(r.tenantId()), uid, "Doppelt angelegt");
        if (out.nothingStands()) {
            log.warn("booking {}: cancelled duplicate Cal.com booking {} (the row keeps {})", r.bookingId(), uid, kept);
        } else {
            log.error("booking {}: duplicate Cal.com booking {} (the row keeps {}) could not be cancelled: {}; reconciliation will",
                    r.bookingId(), uid, kept, out.detail());
        }
    }

    /**
     * An ORPHAN_WATCH row: a booking with our id that appears in Cal.com goes to compensation;
     * when the watch has ended and Cal.com answers that it has none, the row is FAILED. A watch
     * that has ended without such an answer (Cal.com down, throttled, circuit open) goes on,
     * every {@link RetryRounds#OVERDUE_PERIOD} and logged as an error, because the caller was told
     * "not booked"; within the watch, looked at again in 5 s.
     */
    void watch(Row r) {
        CalcomOutcome found = calcom.findByBookingId(keys.forTenant(r.tenantId()), r.eventTypeId(), r.startsAt(), r.bookingId());
        boolean ended = r.watchUntil() != null && Instant.now().isAfter(r.watchUntil());
        tx.executeWithoutResult(s -> {
            if (found.is(Kind.OK)) {
                log.warn("booking {}: orphan Cal.com booking {} appeared, compensating", r.bookingId(), found.value());
                repo.move(r, "COMPENSATE_DUE", found.value(), null, Instant.now(), null, false);
            } else if (ended && (found.is(Kind.NOT_FOUND) || found.is(Kind.GONE))) { // nothing of ours stands
                repo.move(r, "FAILED", null, null, Instant.now(), null, false);
            } else if (ended) {
                log.error("booking {}: orphan watch over since {} but Cal.com does not answer ({}); still watching", r.bookingId(),
                        r.watchUntil(), found.detail());
                repo.move(r, "ORPHAN_WATCH", null, found.detail(), Instant.now().plus(RetryRounds.OVERDUE_PERIOD), null, false);
            } else {
                repo.move(r, "ORPHAN_WATCH", null, found.detail(), Instant.now().plusSeconds(5), null, false);
            }
        });
    }
}
