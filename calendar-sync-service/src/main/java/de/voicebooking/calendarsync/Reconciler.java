package de.voicebooking.calendarsync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.avro.CalendarBookingCancelled;
import de.voicebooking.avro.CalendarBookingChanged;
import de.voicebooking.avro.CalendarEvent;
import de.voicebooking.calendarsync.calcom.CalcomClient;
import de.voicebooking.calendarsync.calcom.CalcomClient.Listed;
import de.voicebooking.calendarsync.calcom.CalcomOutcome;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.messaging.Outbox;
import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.tenant.TenantDirectory;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Periodic reconciliation (DESIGN §9): webhooks are hints and may be lost, so every
 * {@code reconcile-interval-ms} (default 10 minutes) the bookings Cal.com holds for each event
 * type of each tenant (services' and staff members' own), from a day ago to {@code reconcile-days} (default 60) ahead, or
 * further to the start of a booking given up on in the last 30 days (FAILED, COMPENSATION_FAILED), are compared
 * with {@code sync_booking} through the {@code bookingId} we put in their metadata. These drifts
 * are repaired:
 * <ul>
 *   <li><b>orphan</b>: Cal.com still has our booking live ({@code accepted} or
 *       {@code pending}), under its uid or the uid it was moved to, although its row says it
 *       failed, was compensated or was cancelled (e.g. a create that Cal.com finished after the
 *       orphan watch ended), or its compensation gave up (COMPENSATION_FAILED, e.g. after a
 *       long outage): the row goes back to COMPENSATE_DUE and the worker cancels the booking in
 *       Cal.com;</li>
 *   <li><b>rescheduled_in_calendar</b>: Cal.com moved our booking (a missed
 *       BOOKING_RESCHEDULED webhook, or BOOKING_REQUESTED for a move the business must
 *       confirm): the uid of a CREATED row is {@code cancelled} with
 *       {@code rescheduledToUid}, and that chain (§4.6) ends in a live booking. The row follows
 *       the new uid (awaiting confirmation if it is {@code pending}) and a
 *       {@link CalendarBookingChanged} BOOKING_RESCHEDULED (new uid, its status, start and end,
 *       {@code rescheduleUid} = the row's old uid, source {@code reconciliation}) goes to
 *       {@code calendar.events}, as the webhook would have, so booking-service moves the
 *       appointment. A chain that leaves the listed range is followed by asking Cal.com for
 *       each link ({@code GET /v2/bookings/{uid}}, §4.3), if our row still knows the old uid;</li>
 *   <li><b>cancelled_in_calendar</b>: Cal.com has our booking {@code cancelled} or
 *       {@code rejected} (not moved, or moved and then cancelled) while its row is CREATED (a
 *       missed BOOKING_CANCELLED or BOOKING_REJECTED webhook): the row becomes CANCELLED and a
 *       {@link CalendarBookingChanged} BOOKING_CANCELLED (status as listed, upper case) with
 *       source {@code reconciliation} goes to {@code calendar.events}, as the webhook would
 *       have, so booking-service cancels it and availability frees its time;</li>
 *   <li><b>confirmed_in_calendar</b>: Cal.com has our booking {@code accepted} while its row
 *       awaits the business's confirmation (a missed BOOKING_CREATED webhook after the confirm,
 *       §4.7): the row no longer awaits it and a {@link CalendarBookingChanged} BOOKING_CREATED
 *       with status ACCEPTED and source {@code reconciliation} goes to {@code calendar.events},
 *       so booking-service tells callers it is confirmed;</li>
 *   <li><b>awaiting_confirmation_in_calendar</b>: the reverse, Cal.com has our booking
 *       {@code pending} under the uid its row knows while the row does not await confirmation
 *       (Cal.com never makes an accepted booking pending again under the same uid, so the row
 *       missed it, e.g. a create whose answer lacked the status): the row awaits it and a {@link CalendarBookingChanged} BOOKING_REQUESTED with status PENDING goes to
 *       {@code calendar.events}, so booking-service tells callers it is only requested;</li>
 *   <li><b>compensation_settled</b>: Cal.com has our booking {@code cancelled} or
 *       {@code rejected} while its row's compensation had given up (COMPENSATION_FAILED, e.g. an
 *       operator cancelled it by hand and the webhook was lost): the row is COMPENSATED and a
 *       CalendarBookingCancelled tells booking-service, which ends the alert;</li>
 *   <li><b>duplicate</b>: Cal.com has a second live booking of ours beside the one its settled
 *       row knows (or beside one since cancelled): it is cancelled in Cal.com.</li>
 * </ul>
 * A row that changed after the listing began is left for the next round (it may be our own
 * change in flight). Each drift is logged and counted: {@code calendar.reconciliation.drifts}
 * (tag {@code kind}).
 */
@Component
public class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private final CalcomClient calcom;
    private final CalcomApiKeys keys;
    private final SyncRepository repo;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final TenantDirectory tenants;
    private final CalendarWorker worker;
    private final MeterRegistry meters;
    private final CalendarOutcomes outcomes;
    /** How long after giving up on a booking (FAILED, COMPENSATION_FAILED) the listed range reaches its start, in days. */
    private static final int UNSETTLED_DAYS = 30;
    private final int days;

    public Reconciler(CalcomClient calcom, CalcomApiKeys keys, SyncRepository repo, Outbox outbox, TransactionTemplate tx,
                      TenantDirectory tenants, CalendarWorker worker, MeterRegistry meters, CalendarOutcomes outcomes,
                      @Value("${voicebooking.calcom.reconcile-days:60}") int days) {
        this.calcom = calcom;
        this.keys = keys;
        this.repo = repo;
        this.outbox = outbox;
        this.tx = tx;
        this.tenants = tenants;
        this.worker = worker;
        this.meters = meters;
        this.outcomes = outcomes;
        this.days = days;
    }

    @Scheduled(fixedDelayString = "${voicebooking.calcom.reconcile-interval-ms:600000}",
            initialDelayString = "${voicebooking.calcom.reconcile-initial-delay-ms:120000}")
    public void reconcileAll() {
        tenants.all().forEach(this::reconcile);
    }

    /**
     * Reconciles one tenant now.
     *
     * @return the number of drifts repaired or told again (a host not yet followed); event types Cal.com could not list are skipped (logged, and counted in
     *         {@code calendar.reconciliation.skipped})
     */
    public int reconcile(TenantCatalog t) {
        String key = keys.forTenant(t);
        Instant from = Instant.now().minus(Duration.ofDays(1));
        // a booking we gave up on further ahead (no booking horizon keeps callers nearer) is looked for where it is
        Instant to = repo.furthestUnsettledStart(t.tenantId(), UNSETTLED_DAYS).map(s -> s.plus(Duration.ofDays(1)))
                .filter(s -> s.isAfter(Instant.now().plus(Duration.ofDays(days)))).orElse(Instant.now().plus(Duration.ofDays(days)));
        int drifts = 0;
        List<Long> skipped = new java.util.ArrayList<>();
        for (long et : t.eventTypeIds()) {
            Instant listedAt = Instant.now();
            List<Listed> listed = calcom.list(key, et, from, to);
            if (listed == null) {
                skipped.add(et);
                continue;
            }
            Map<String, Listed> byUid = listed.stream().collect(Collectors.toMap(Listed::uid, b -> b, (a, b) -> a));
            for (Listed b : listed) {
                String ours = b.metadata().get("bookingId");
                if (ours != null && repair(t, key, et, ours, b, byUid, listedAt)) {
                    drifts++;
                }
            }
        }
        if (!skipped.isEmpty()) { // Cal.com down, the circuit open, or the key's background budget spent: looked at next round
            log.warn("reconciliation of tenant {}: event types {} not listed this round (Cal.com did not answer or the key's budget "
                    + "is spent); their drifts wait for the next round", t.tenantId(), skipped);
            meters.counter("calendar.reconciliation.skipped").increment(skipped.size());
        }
        return drifts;
    }

    private boolean repair(TenantCatalog t, String key, long eventTypeId, String bookingId, Listed b, Map<String, Listed> listed,
                           Instant listedAt) {
        if (isLive(b.status())) {
            if (Boolean.TRUE.equals(tx.execute(s -> repo.revivedInCalendar(t.tenantId(), bookingId, b, listedAt)))) {
                // cancelled in Cal.com, then booked there again (e.g. after "request reschedule"): the business's doing, left standing
                drift("revived_in_calendar", bookingId, b);
                return true;
            }
            boolean pending = "pending".equals(b.status());
            return orphan(t, bookingId, b.uid(), b, listedAt) || changed(pending ? "awaiting_confirmation_in_calendar"
                    : "confirmed_in_calendar", t, bookingId, b, () -> repo.confirmationInCalendar(t.tenantId(), bookingId, b.uid(),
                    pending, listedAt), new CalendarBookingChanged(pending ? "BOOKING_REQUESTED" : "BOOKING_CREATED", b.uid(),
                    b.status().toUpperCase(), eventTypeId, b.start(), b.end(), null, "reconciliation", null))
                    || duplicate(key, t, bookingId, b, listedAt) || hostChanged(t, bookingId, eventTypeId, b, listedAt);
        }
        if (!isGone(b.status())) {
            return false;
        }
        if (compensationSettled(t, bookingId, b)) {
            return true;
        }
        Optional<Listed> movedTo = RescheduleChain.end(b, listed);
        boolean asked = false;
        if (b.rescheduledToUid() != null && movedTo.isEmpty()) {
            if (!repo.knowsAs(t.tenantId(), bookingId, b.uid())) {
                return false; // an old link of a booking whose row has moved on
            }
            // moved beyond the listed range (or to another event type): ask Cal.com where it went
            movedTo = Optional.ofNullable(calcom.latest(key, b.rescheduledToUid()));
            if (movedTo.isEmpty()) {
                return false; // logged; the next round tries again
            }
            asked = true;
        }
        if (movedTo.isPresent() && isLive(movedTo.get().status())) {
            Listed now = movedTo.get();
            // ours is live: it follows the move; ours is gone: the moved booking is an orphan
            return changed("rescheduled_in_calendar", t, bookingId, b, () -> repo.rescheduledInCalendar(t.tenantId(), bookingId, b.uid(),
                    now.uid(), "pending".equals(now.status()), listedAt), new CalendarBookingChanged("BOOKING_RESCHEDULED", now.uid(), now.status().toUpperCase(),
                    eventTypeId, now.start(), now.end(), b.uid(), "reconciliation", null))
                    || orphan(t, bookingId, b.uid(), now, listedAt);
        }
        boolean cancelled = changed("cancelled_in_calendar", t, bookingId, b, () -> repo.cancelledInCalendar(t.tenantId(), bookingId,
                b.uid(), listedAt), new CalendarBookingChanged("BOOKING_CANCELLED", b.uid(), b.status().toUpperCase(), eventTypeId, null,
                null, null, "reconciliation", null));
        if (asked) { // the chain ends in a cancellation: an ended row keeps its last uid, so later rounds need not ask again
            String last = movedTo.get().uid();
            tx.execute(s -> repo.settleMovedUid(t.tenantId(), bookingId, b.uid(), last));
        }
        return cancelled;
    }

    /**
     * Cal.com shows booking {@code gone} of ours cancelled or rejected while its row's
     * compensation had given up (e.g. an operator cancelled it by hand, its webhook lost): the row
     * is COMPENSATED and booking-service is told (CalendarBookingCancelled).
     */
    private boolean compensationSettled(TenantCatalog t, String bookingId, Listed gone) {
        Boolean settled = tx.execute(s -> repo.compensationSettled(t.tenantId(), bookingId, gone.uid()).map(rowTenant -> {
            outcomes.emit(rowTenant, bookingId, null, new CalendarBookingCancelled(gone.uid()));
            return true;
        }).orElse(false));
        if (Boolean.TRUE.equals(settled)) {
            drift("compensation_settled", bookingId, gone);
            return true;
        }
        return false;
    }

    /** A live Cal.com booking {@code live} of ours whose row (knowing it as {@code knownUid}) says it is gone: cancel it. */
    private boolean orphan(TenantCatalog t, String bookingId, String knownUid, Listed live, Instant listedAt) {
        Boolean reopened = tx.execute(s -> repo.reopenOrphan(t.tenantId(), bookingId, knownUid, live.uid(), listedAt));
        if (Boolean.TRUE.equals(reopened)) {
            drift("orphan", bookingId, live);
            worker.kick();
            return true;
        }
        return false;
    }

    /**
     * A live Cal.com booking {@code live} of ours that its settled row does not know, while the
     * booking the row knows leads (through its moves, §4.6) to another one: a duplicate, e.g. of
     * a create made twice after a lost lease whose immediate cancel failed
     * ({@link CalendarCreates}), or left standing beside a booking since cancelled. It is
     * cancelled in Cal.com; the row stays as it is. A row whose booking was moved to
     * {@code live} is the move's repair, not this; a row busy with work, or Cal.com not telling,
     * waits for the next round.
     */
    private boolean duplicate(String key, TenantCatalog t, String bookingId, Listed live, Instant listedAt) {
        Optional<String> known = repo.settledUid(t.tenantId(), bookingId, listedAt);
        if (known.isEmpty() || known.get().equals(live.uid())) {
            return false;
        }
        Listed own = calcom.latest(key, known.get());
        if (own == null || own.uid().equals(live.uid())) {
            return false;
        }
        drift("duplicate", bookingId, live);
        CalcomOutcome out = calcom.cancel(key, live.uid(), "Doppelt angelegt");
        if (!out.nothingStands()) {
            log.warn("reconciliation: duplicate Cal.com booking {} of booking {} could not be cancelled ({} {}); the next round tries again",
                    live.uid(), bookingId, out.kind(), out.detail());
        }
        return true;
    }

    /**
     * A live booking of ours whose host in Cal.com ({@code hosts[0]}, mapped to our staff) is not
     * the member booking-service holds it with: staff reassigned it (Cal.com sends no webhook for
     * that) or moved it to another host. booking-service is told (BOOKING_HOST_CHANGED), so the
     * caller hears the right name and availability blocks the right member. Until it holds the
     * booking with that member (it may not be able to yet, logged there) it is told again, each
     * round for 15 minutes and then hourly, logged at info (no new drift); from then on the row
     * counts in
     * {@code calendar.sync.unresolved{kind=host_mismatch}} ({@link UnresolvedRows}).
     */
    private boolean hostChanged(TenantCatalog t, String bookingId, long eventTypeId, Listed b, Instant listedAt) {
        String staff = t.staffByCalcomUsername(b.host()).map(de.voicebooking.avro.StaffMember::getId).orElse(null);
        if (staff == null) {
            return false;
        }
        SyncRepository.HostReport[] report = {SyncRepository.HostReport.NONE};
        if (!published(t, bookingId, () -> (report[0] = repo.reportHost(t.tenantId(), bookingId, b.uid(), staff, listedAt))
                != SyncRepository.HostReport.NONE, new CalendarBookingChanged("BOOKING_HOST_CHANGED", b.uid(),
                b.status().toUpperCase(), eventTypeId, b.start(), b.end(), null, "reconciliation", staff))) {
            return false;
        }
        if (report[0] == SyncRepository.HostReport.FIRST) {
            drift("host_changed_in_calendar", bookingId, b);
        } else {
            log.info("reconciliation: booking {} is still held with another member than host {} of Cal.com booking {}; told again",
                    bookingId, staff, b.uid());
        }
        return true;
    }

    /**
     * In one transaction: applies {@code rowChange} and, if it changed the row, publishes
     * {@code fact} to {@code calendar.events} as a webhook would have; the drift is logged and counted.
     */
    private boolean changed(String kind, TenantCatalog t, String bookingId, Listed b, BooleanSupplier rowChange,
                            CalendarBookingChanged fact) {
        if (published(t, bookingId, rowChange, fact)) {
            drift(kind, bookingId, b);
            return true;
        }
        return false;
    }

    /** {@link #changed} without the drift's log and count: whether {@code rowChange} changed the row. */
    private boolean published(TenantCatalog t, String bookingId, BooleanSupplier rowChange, CalendarBookingChanged fact) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            if (!rowChange.getAsBoolean()) {
                return false;
            }
            // keyed like the saga's own calendar events, so booking-service sees one booking's facts in order
            outbox.append(Topics.CALENDAR_EVENTS, bookingId != null ? bookingId : fact.getUid(),
                    new CalendarEvent(t.tenantId(), bookingId, Instant.now(), fact),
                    MessageContext.root(t.tenantId(), null, null));
            return true;
        }));
    }

    private void drift(String kind, String bookingId, Listed b) {
        log.warn("reconciliation: booking {} drifted ({}): Cal.com booking {} is {}", bookingId, kind, b.uid(), b.status());
        meters.counter("calendar.reconciliation.drifts", "kind", kind).increment();
    }

    /** A booking Cal.com still holds (§4.1 response: status lower case). */
    static boolean isLive(String status) {
        return "accepted".equals(status) || "pending".equals(status);
    }

    /** A booking Cal.com no longer holds. */
    static boolean isGone(String status) {
        return "cancelled".equals(status) || "rejected".equals(status);
    }
}
