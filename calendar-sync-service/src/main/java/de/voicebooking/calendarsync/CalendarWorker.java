package de.voicebooking.calendarsync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.avro.CalendarBookingCancelled;
import de.voicebooking.avro.CalendarBookingCreated;
import de.voicebooking.avro.CalendarBookingFailed;
import de.voicebooking.avro.CalendarCancelFailed;
import de.voicebooking.avro.CalendarCompensationFailed;
import de.voicebooking.avro.CalendarEvent;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.calendarsync.SyncRepository.Row;
import de.voicebooking.calendarsync.calcom.CalcomClient;
import de.voicebooking.calendarsync.calcom.CalcomOutcome;
import de.voicebooking.calendarsync.calcom.CalcomOutcome.Kind;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.logging.LogContext;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.messaging.Outbox;
import de.voicebooking.schemas.tenant.TenantDirectory;

/**
 * Does the Cal.com side of the saga from table {@code sync_booking}: create (step 4), cancel,
 * and compensation (DESIGN §5.6). Creation is never retried blindly: an uncertain outcome is
 * followed by a look-up by our booking id in the metadata; if the booking is not found the
 * saga is told it failed and the row is watched for {@code orphan-watch-minutes}, cancelling
 * any booking that appears later. A create that did not finish (the service stopped, or an
 * exception after the request) leaves the row CREATING; when its one-minute lease ends the
 * row is recovered by a look-up first, and created again only when Cal.com has no booking
 * with our id and the saga still wants one. Compensation is retried with exponential backoff ({@code
 * compensation-backoff-ms} doubled per attempt, at most 64 times that: by default 2 s, 4 s, … 32 s)
 * and, after {@value #MAX_COMPENSATION_ATTEMPTS} attempts, reported as CalendarCompensationFailed
 * for an operator; the row stays COMPENSATION_FAILED.
 */
@Component
public class CalendarWorker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CalendarWorker.class);
    static final int MAX_COMPENSATION_ATTEMPTS = 6;
    private final SyncRepository repo;
    private final CalcomClient calcom;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final TenantDirectory tenants;
    private final SlotRefresher refresher;
    private final CalcomApiKeys keys;
    private final Duration orphanWatch;
    private final long backoffMs;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("calcom-", 0).daemon().factory());
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;

    public CalendarWorker(SyncRepository repo, CalcomClient calcom, Outbox outbox, TransactionTemplate tx, TenantDirectory tenants,
                          SlotRefresher refresher, CalcomApiKeys keys,
                          @Value("${voicebooking.calcom.orphan-watch-minutes:10}") long orphanWatchMinutes,
                          @Value("${voicebooking.calcom.compensation-backoff-ms:1000}") long backoffMs) {
        this.repo = repo;
        this.calcom = calcom;
        this.outbox = outbox;
        this.tx = tx;
        this.tenants = tenants;
        this.refresher = refresher;
        this.keys = keys;
        this.orphanWatch = Duration.ofMinutes(orphanWatchMinutes);
        this.backoffMs = backoffMs;
    }

    /** Work is waiting: look now instead of at the next poll. */
    public void kick() {
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                wake.tryAcquire(500, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                List<Row> due = tx.execute(s -> repo.claimDue(20));
                for (Row r : due == null ? List.<Row>of() : due) {
                    pool.submit(() -> process(r));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("calendar worker round failed: {}", e.toString());
            }
        }
    }

    void process(Row r) {
        try (LogContext.Scope scope = LogContext.open(r.cause() != null ? r.cause().withTenant(r.tenantId()) : null)) {
            step(r);
        }
    }

    private void step(Row r) {
        try {
            switch (r.state()) {
                case "CREATE_DUE" -> create(r);
                case "CREATING" -> recoverCreate(r);
                case "CANCEL_DUE" -> cancel(r);
                case "COMPENSATE_DUE" -> compensate(r);
                case "ORPHAN_WATCH" -> watch(r);
                default -> log.debug("nothing to do for {} in {}", r.bookingId(), r.state());
            }
        } catch (RuntimeException e) {
            log.warn("booking {}: {} failed: {}", r.bookingId(), r.state(), e.toString());
            // a create may have reached Cal.com before the exception: recover it by look-up, never by a blind retry
            String retryState = r.state().equals("CREATE_DUE") ? "CREATING" : r.state();
            tx.executeWithoutResult(s -> repo.move(r.bookingId(), retryState, null, e.toString(), Instant.now().plusSeconds(5), null, true));
        }
    }

    private void create(Row r) {
        String key = keys.forTenant(r.tenantId());
        String zone = tenants.get(r.tenantId()).map(t -> t.config().getTimeZone()).orElse("Europe/Berlin");
        CalcomOutcome out = calcom.create(key, r.eventTypeId(), r.startsAt(), r.customerName(), r.email(), r.phone(), zone,
                Map.of("bookingId", r.bookingId(), "tenantId", r.tenantId(), "staffId", r.staffId()));
        if (out.is(Kind.UNCERTAIN)) {
            log.warn("booking {}: Cal.com create uncertain ({}), looking it up", r.bookingId(), out.detail());
            CalcomOutcome found = calcom.findByBookingId(key, r.eventTypeId(), r.startsAt(), r.endsAt(), r.bookingId());
            out = found.is(Kind.OK) ? found : out;
        }
        applyCreateOutcome(r, out);
    }

    /**
     * A row left CREATING past its lease: looks our booking up in Cal.com. Found → as if the
     * create had answered; not found → created now if the saga still waits, else watched for
     * an orphan; look-up failed → tried again in 5 s.
     */
    private void recoverCreate(Row r) {
        CalcomOutcome found = calcom.findByBookingId(keys.forTenant(r.tenantId()), r.eventTypeId(), r.startsAt(), r.endsAt(), r.bookingId());
        log.warn("booking {}: recovering an unfinished create, look-up {}", r.bookingId(), found.kind());
        if (found.is(Kind.OK)) {
            applyCreateOutcome(r, found);
        } else if (found.is(Kind.NOT_FOUND) && !r.rejected()) {
            create(r);
        } else if (found.is(Kind.NOT_FOUND)) {
            tx.executeWithoutResult(s -> repo.move(r.bookingId(), "ORPHAN_WATCH", null, null, Instant.now().plusSeconds(5),
                    Instant.now().plus(orphanWatch), false));
        } else {
            tx.executeWithoutResult(s -> repo.move(r.bookingId(), "CREATING", null, found.detail(), Instant.now().plusSeconds(5), null, true));
        }
    }

    private void applyCreateOutcome(Row r, CalcomOutcome result) {
        tx.executeWithoutResult(s -> {
            Row now = repo.lock(r.bookingId()).orElse(r);
            switch (result.kind()) {
                case OK -> {
                    if (now.rejected()) {
                        repo.move(r.bookingId(), "COMPENSATE_DUE", result.value(), null, Instant.now(), null, false);
                    } else {
                        repo.move(r.bookingId(), "CREATED", result.value(), null, Instant.now(), null, false);
                        emit(r, new CalendarBookingCreated(result.value(), hostStaff(r, result.host())));
                    }
                }
                case SLOT_TAKEN -> {
                    repo.move(r.bookingId(), "FAILED", null, result.detail(), Instant.now(), null, false);
                    emit(r, new CalendarBookingFailed("slot_taken", result.detail()));
                }
                case UNCERTAIN -> {
                    repo.move(r.bookingId(), "ORPHAN_WATCH", null, result.detail(), Instant.now().plusSeconds(5),
                            Instant.now().plus(orphanWatch), false);
                    emit(r, new CalendarBookingFailed("calendar_unavailable", result.detail()));
                }
                default -> {
                    repo.move(r.bookingId(), "FAILED", null, result.detail(), Instant.now(), null, false);
                    emit(r, new CalendarBookingFailed("rejected_by_calendar", result.detail()));
                }
            }
        });
        if (result.is(Kind.OK)) {
            refresher.refreshSoon(r.tenantId(), r.eventTypeId());
        }
        kick();
    }

    /**
     * The caller's cancel: cancels the booking where it lives now (staff may have moved it to a
     * new uid whose webhook has not come, §4.6), so the appointment the caller is told is
     * cancelled really is.
     */
    private void cancel(Row r) {
        String key = keys.forTenant(r.tenantId());
        CalcomOutcome now = calcom.current(key, r.calcomUid());
        String uid = now.is(Kind.OK) ? now.value() : r.calcomUid();
        CalcomOutcome out = now.is(Kind.OK) ? calcom.cancel(key, uid, "Abgesagt vom Anrufer") : now;
        if (!uid.equals(r.calcomUid())) {
            log.info("booking {}: Cal.com moved {} to {}; cancelling that", r.bookingId(), r.calcomUid(), uid);
        }
        tx.executeWithoutResult(s -> {
            if (out.is(Kind.OK) || out.is(Kind.NOT_FOUND)) {
                repo.move(r.bookingId(), "CANCELLED", uid, null, Instant.now(), null, false);
                emit(r, new CalendarBookingCancelled(uid));
            } else {
                repo.move(r.bookingId(), "CREATED", null, out.detail(), Instant.now(), null, false);
                emit(r, new CalendarCancelFailed(r.calcomUid(), out.is(Kind.UNCERTAIN) ? "calendar_unavailable" : "rejected_by_calendar"));
            }
        });
        refresher.refreshSoon(r.tenantId(), r.eventTypeId());
    }

    private void compensate(Row r) {
        String key = keys.forTenant(r.tenantId());
        String uid = r.calcomUid();
        if (uid == null) {
            CalcomOutcome found = calcom.findByBookingId(key, r.eventTypeId(), r.startsAt(), r.endsAt(), r.bookingId());
            if (found.is(Kind.NOT_FOUND)) {
                tx.executeWithoutResult(s -> repo.move(r.bookingId(), "COMPENSATED", null, null, Instant.now(), null, false));
                return;
            }
            uid = found.is(Kind.OK) ? found.value() : null;
        } else {
            // staff may have moved it (a new uid, §4.6); cancelling the old uid would answer 200 and leave it standing
            CalcomOutcome now = calcom.current(key, uid);
            uid = now.is(Kind.OK) ? now.value() : now.is(Kind.NOT_FOUND) ? uid : null;
        }
        CalcomOutcome out = uid == null ? CalcomOutcome.of(Kind.UNCERTAIN, "look-up failed")
                : calcom.cancel(key, uid, "Automatisch storniert: Buchung fehlgeschlagen");
        final String cancelledUid = uid;
        tx.executeWithoutResult(s -> {
            if (out.is(Kind.OK) || out.is(Kind.NOT_FOUND)) {
                log.info("booking {}: compensated, Cal.com booking {} cancelled", r.bookingId(), cancelledUid);
                repo.move(r.bookingId(), "COMPENSATED", cancelledUid, null, Instant.now(), null, false);
            } else if (r.attempts() + 1 >= MAX_COMPENSATION_ATTEMPTS) {
                log.error("booking {}: compensation failed {} times, giving up: {}", r.bookingId(), r.attempts() + 1, out.detail());
                repo.move(r.bookingId(), "COMPENSATION_FAILED", cancelledUid, out.detail(), Instant.now(), null, true);
                emit(r, new CalendarCompensationFailed(cancelledUid, String.valueOf(out.detail())));
            } else {
                repo.move(r.bookingId(), "COMPENSATE_DUE", cancelledUid, out.detail(),
                        Instant.now().plusMillis(backoffMs << Math.min(r.attempts() + 1, 6)), null, true);
            }
        });
        refresher.refreshSoon(r.tenantId(), r.eventTypeId());
    }

    private void watch(Row r) {
        CalcomOutcome found = calcom.findByBookingId(keys.forTenant(r.tenantId()), r.eventTypeId(), r.startsAt(), r.endsAt(), r.bookingId());
        tx.executeWithoutResult(s -> {
            if (found.is(Kind.OK)) {
                log.warn("booking {}: orphan Cal.com booking {} appeared, compensating", r.bookingId(), found.value());
                repo.move(r.bookingId(), "COMPENSATE_DUE", found.value(), null, Instant.now(), null, false);
            } else if (r.watchUntil() != null && Instant.now().isAfter(r.watchUntil())) {
                repo.move(r.bookingId(), "FAILED", null, null, Instant.now(), null, false);
            } else {
                repo.move(r.bookingId(), "ORPHAN_WATCH", null, found.detail(), Instant.now().plusSeconds(5), null, false);
            }
        });
        kick();
    }

    /**
     * Our staff id of the host Cal.com gave the booking (for a round-robin event type Cal.com
     * chooses, and it may not be the staff member the hold was for); null when Cal.com named no
     * host or one the manifest does not know.
     */
    private String hostStaff(Row r, String hostUsername) {
        String staff = tenants.get(r.tenantId()).flatMap(t -> t.staffByCalcomUsername(hostUsername)).map(StaffMember::getId).orElse(null);
        if (staff == null) {
            log.warn("booking {}: Cal.com host {} is no staff member of tenant {}", r.bookingId(), hostUsername, r.tenantId());
        } else if (!staff.equals(r.staffId())) {
            log.info("booking {}: held for {}, Cal.com's round robin made {} the host", r.bookingId(), r.staffId(), staff);
        }
        return staff;
    }

    private void emit(Row r, SpecificRecord payload) {
        emit(r.tenantId(), r.bookingId(), r.cause(), payload);
    }

    /**
     * Appends a calendar outcome for booking-service to the outbox, in the caller's transaction,
     * as a message caused by {@code cause} (the saga event of the current step; a new chain if
     * null).
     */
    void emit(String tenantId, String bookingId, MessageContext cause, SpecificRecord payload) {
        outbox.append(Topics.CALENDAR_EVENTS, bookingId, new CalendarEvent(tenantId, bookingId, Instant.now(), payload),
                cause != null ? cause.withTenant(tenantId).next() : MessageContext.root(tenantId, null, null));
    }

    @Override
    public void start() {
        running = true;
        Thread.ofPlatform().name("calendar-worker").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wake.release();
        pool.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
