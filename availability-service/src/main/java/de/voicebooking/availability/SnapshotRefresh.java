package de.voicebooking.availability;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import de.voicebooking.avro.SlotRefreshRequest;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * On-demand refresh of snapshots (DESIGN §6): when an answer meets a day whose snapshot is
 * missing or older than its freshness bound, availability asks calendar-sync to refresh that
 * day and the following ones ({@code calendar.requests}, {@link SlotRefreshRequest}) and, for
 * the caller's own day, lets the answer wait up to {@code refresh-wait-ms} (default 800 ms) for
 * the new snapshot to arrive on {@code calendar.slots}. If it does not (Cal.com slow or unreachable),
 * the answer comes from the last snapshot or the opening hours with {@code stale = true}, and
 * the refresh goes on in the background. A day is asked for at most once per
 * {@code refresh-debounce-seconds} (default 30) and urgency (urgent, or through calendar-sync's
 * background budget), so while Cal.com is down callers do not wait again and again; days more
 * than {@code refresh-horizon-days} (default 180) ahead are not asked for.
 */
@Component
public class SnapshotRefresh {
    private static final Logger log = LoggerFactory.getLogger(SnapshotRefresh.class);
    private final KafkaTemplate<String, Object> kafka;
    private final Duration wait;
    private final int horizonDays;
    private final Cache<String, Boolean> asked;
    private final ConcurrentMap<String, CompletableFuture<Void>> arrivals = new ConcurrentHashMap<>();

    public SnapshotRefresh(KafkaTemplate<String, Object> kafka,
                           @Value("${voicebooking.availability.refresh-wait-ms:800}") long waitMs,
                           @Value("${voicebooking.availability.refresh-debounce-seconds:30}") long debounceSeconds,
                           @Value("${voicebooking.availability.refresh-horizon-days:180}") int horizonDays) {
        this.kafka = kafka;
        this.wait = Duration.ofMillis(waitMs);
        this.horizonDays = horizonDays;
        this.asked = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(debounceSeconds)).maximumSize(100_000).build();
    }

    /**
     * Asks for the snapshots of event type {@code eventTypeId} for the tenant-local days
     * [{@code from}, {@code from + days}), unless every one of them was asked for within the
     * debounce or lies beyond the horizon; with {@code waitForFirst}, the result waits for the
     * snapshot of {@code from}. Does not wait for it: nobody's thread waits, so a wait does not
     * hold up the other questions on the caller's partition (sending the request may block only
     * as long as the producer's {@code max.block.ms}, when the broker is gone).
     *
     * @return completes with true once the snapshot of {@code from} has arrived (read it again),
     *         or with false after {@code refresh-wait-ms} without it; already complete (false)
     *         when not waiting, nothing was asked (unless another question waits for that
     *         snapshot: then this one waits with it) or the request could not be sent
     */
    public CompletableFuture<Boolean> request(TenantCatalog t, long eventTypeId, LocalDate from, int days, boolean waitForFirst) {
        return request(t, eventTypeId, from, days, waitForFirst, true);
    }

    /**
     * As {@link #request}, not urgent and not waited for: calendar-sync refreshes these days in the
     * tenant's API key's background lane, through its rate limiter (for snapshots that only sharpen
     * later answers, such as the members' own event types).
     */
    public void requestInBackground(TenantCatalog t, long eventTypeId, LocalDate from, int days) {
        request(t, eventTypeId, from, days, false, false);
    }

    private CompletableFuture<Boolean> request(TenantCatalog t, long eventTypeId, LocalDate from, int days, boolean waitForFirst,
                                               boolean urgent) {
        LocalDate last = LocalDate.now(t.zone()).plusDays(horizonDays);
        String first = key(t.tenantId(), eventTypeId, from);
        int n = 0;
        boolean fresh = false;
        CompletableFuture<Void> arrival;
        // marking the days and registering the wait are one step: a question asked at the same moment on another listener
        // thread either sends the request itself or finds the wait of the one that does
        synchronized (this) {
            for (int i = 0; i < days && !from.plusDays(i).isAfter(last); i++, n++) {
                // debounced apart: an urgent request right after a background one for the same day is still sent
                fresh |= asked.asMap().putIfAbsent(key(t.tenantId(), eventTypeId, from.plusDays(i)) + (urgent ? "" : ":background"),
                        Boolean.TRUE) == null;
            }
            boolean sends = n > 0 && fresh;
            arrival = !waitForFirst ? null : sends ? arrivals.computeIfAbsent(first, k -> new CompletableFuture<>()) : arrivals.get(first);
            if (!sends) {
                // asked for already: a question that would wait shares the wait another question started for that snapshot
                return arrival == null ? CompletableFuture.completedFuture(false)
                        : arrival.thenApply(v -> true).completeOnTimeout(false, wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        try {
            ProducerRecord<String, Object> rec = new ProducerRecord<>(Topics.CALENDAR_REQUESTS, t.tenantId() + ":" + eventTypeId,
                    new SlotRefreshRequest(t.tenantId(), eventTypeId, from, n, urgent));
            MessageContext.root(t.tenantId(), null, null).writeTo(rec.headers());
            kafka.send(rec);
        } catch (RuntimeException e) {
            log.warn("refresh request for event type {} on {} failed: {}", eventTypeId, from, e.toString());
            if (arrival != null) {
                arrivals.remove(first, arrival);
            }
            return CompletableFuture.completedFuture(false);
        }
        if (arrival == null) {
            return CompletableFuture.completedFuture(false);
        }
        return arrival.thenApply(v -> true).completeOnTimeout(false, wait.toMillis(), TimeUnit.MILLISECONDS).whenComplete((arrived, e) -> {
            arrivals.remove(first, arrival);
            if (!Boolean.TRUE.equals(arrived)) {
                log.info("snapshot of event type {} on {} not refreshed within {} ms; answering from what is known", eventTypeId, from,
                        wait.toMillis());
            }
        });
    }

    /** A snapshot arrived on calendar.slots (and is stored): wakes whoever waits for it. */
    public void arrived(String tenantId, long eventTypeId, LocalDate day) {
        CompletableFuture<Void> f = arrivals.get(key(tenantId, eventTypeId, day));
        if (f != null) {
            f.complete(null);
        }
    }

    private static String key(String tenantId, long eventTypeId, LocalDate day) {
        return tenantId + ":" + eventTypeId + ":" + day;
    }
}
