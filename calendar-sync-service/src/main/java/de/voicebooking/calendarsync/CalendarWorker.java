package de.voicebooking.calendarsync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.calendarsync.SyncRepository.Row;
import de.voicebooking.schemas.logging.LogContext;

/**
 * Runs the Cal.com side of the saga from table {@code sync_booking}: one thread claims due rows
 * (every 500 ms, or at once after {@link #kick()} or when a thread is done), never more than
 * the pool's 4 threads have free, so each claimed row starts at once. A claim holds the row for
 * {@code lease-seconds} (60); the same thread renews the lease of every running step each
 * quarter of that, so a slow step (a few Cal.com calls, each with its timeouts and retries) is
 * not claimed and run a second time. Only a service that
 * stops or stalls loses its leases: then the rows are claimed again (a create is recovered by
 * look-up) and the old claim's outcome, should it still arrive, is dropped
 * ({@link SyncRepository#move}). A thread runs the row's
 * step: create, recovery of an unfinished create and orphan watch in {@link CalendarCreates},
 * cancel and compensation in {@link CalendarCancels}, the caller's reschedule in {@link CalendarReschedules}.
 * A step that throws is tried again in 5 s; a create that threw is recovered by look-up (the
 * request may have reached Cal.com), never by a blind retry.
 */
@Component
public class CalendarWorker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CalendarWorker.class);
    private static final int THREADS = 4;
    private final SyncRepository repo;
    private final TransactionTemplate tx;
    private final CalendarCreates creates;
    private final CalendarCancels cancels;
    private final CalendarReschedules reschedules;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, Thread.ofPlatform().name("calcom-", 0).daemon().factory());
    /** Idle worker threads: a row is claimed only when one can start on it at once, so no claim's lease runs out in a queue. */
    private final Semaphore idle = new Semaphore(THREADS);
    private final Semaphore wake = new Semaphore(0);
    /** The running steps' claims: booking id → lease. */
    private final Map<String, Long> running = new ConcurrentHashMap<>();
    private final long renewEveryMs;
    private long lastRenewal = System.nanoTime();
    private volatile boolean started;

    public CalendarWorker(SyncRepository repo, TransactionTemplate tx, CalendarCreates creates, CalendarCancels cancels,
                          CalendarReschedules reschedules) {
        this.repo = repo;
        this.tx = tx;
        this.creates = creates;
        this.cancels = cancels;
        this.reschedules = reschedules;
        this.renewEveryMs = repo.leaseSeconds() * 1000 / 4;
    }

    /** Work is waiting: look now instead of at the next poll. */
    public void kick() {
        wake.release();
    }

    private void loop() {
        while (started) {
            try {
                wake.tryAcquire(Math.min(500, renewEveryMs), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                renewLeases();
                int free = idle.availablePermits(); // only this thread acquires
                if (free == 0) {
                    continue;
                }
                List<Row> due = tx.execute(s -> repo.claimDue(free));
                for (Row r : due == null ? List.<Row>of() : due) {
                    idle.acquire();
                    running.put(r.bookingId(), r.lease());
                    pool.submit(() -> {
                        try {
                            process(r);
                        } finally {
                            running.remove(r.bookingId(), r.lease());
                            idle.release();
                            kick(); // a thread is free: more due rows may be waiting
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("calendar worker round failed: {}", e.toString());
            }
        }
    }

    /** Every quarter lease, renews the lease of each running step (a step's outcome ends its lease, so a late renewal is a no-op). */
    private void renewLeases() {
        if (System.nanoTime() - lastRenewal < renewEveryMs * 1_000_000) {
            return;
        }
        lastRenewal = System.nanoTime();
        running.forEach((bookingId, lease) -> {
            try {
                if (!repo.extendLease(bookingId, lease)) {
                    log.debug("booking {}: lease {} already ended", bookingId, lease);
                }
            } catch (RuntimeException e) { // the others' leases still need renewing
                log.warn("booking {}: could not renew lease {}: {}", bookingId, lease, e.toString());
            }
        });
    }

    private void process(Row r) {
        try (LogContext.Scope scope = LogContext.open(r.cause() != null ? r.cause().withTenant(r.tenantId()) : null)) {
            step(r);
        }
    }

    private void step(Row r) {
        try {
            switch (r.state()) {
                case "CREATE_DUE" -> creates.create(r);
                case "CREATING" -> creates.recover(r);
                case "CANCEL_DUE" -> cancels.cancel(r);
                case "COMPENSATE_DUE" -> cancels.compensate(r);
                case "RESCHEDULE_DUE" -> reschedules.reschedule(r);
                case "ORPHAN_WATCH" -> creates.watch(r);
                default -> log.debug("nothing to do for {} in {}", r.bookingId(), r.state());
            }
        } catch (RuntimeException e) {
            log.warn("booking {}: {} failed: {}", r.bookingId(), r.state(), e.toString());
            // a create may have reached Cal.com before the exception: recover it by look-up, never by a blind retry
            String retryState = r.state().equals("CREATE_DUE") ? "CREATING" : r.state();
            tx.executeWithoutResult(s -> repo.move(r, retryState, null, e.toString(), Instant.now().plusSeconds(5), null, true));
        }
    }

    @Override
    public void start() {
        started = true;
        Thread.ofPlatform().name("calendar-worker").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        started = false;
        wake.release();
        pool.shutdown();
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
