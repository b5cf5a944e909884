package de.voicebooking.calendarsync;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.SlotSnapshot;
import de.voicebooking.calendarsync.calcom.ApiKeyIds;
import de.voicebooking.calendarsync.calcom.CalcomClient;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.tenant.TenantDirectory;

/**
 * Keeps {@code calendar.slots} current (DESIGN §6): for every tenant and event type, the free
 * starts of the next {@code refresh-days} days from Cal.com's {@code GET /v2/slots}, one
 * compacted record per event type and day (key {@code tenant:eventType:date}). Event types are
 * the services' and the members' own ({@code staffEventTypeIds}), whose slots availability
 * reads for a caller who asks for that member. Refreshes every event type every
 * {@code refresh-interval-ms} and when a tenant is applied, the event types a booking change
 * affects shortly after it (debounced 200 ms), through the background rate limiter of the
 * tenant's API key, one refresh at a time per key ({@link KeyedLanes}): Cal.com counts its limit
 * per key (calcom-api-v2.md §6.2), so a key whose budget is spent holds up its own tenants'
 * refreshes only. The days availability-service asks for ({@link #refreshRange}) are refreshed,
 * when urgent (a caller waits or may soon ask), at once on a pool of 4 threads of their own and
 * outside that limiter: a backlog of background refreshes (many tenants, a slow Cal.com) must not
 * hold them up; when not urgent, in the key's lane like background work.
 */
@Component
public class SlotRefresher {
    private static final Logger log = LoggerFactory.getLogger(SlotRefresher.class);
    static final int MAX_ON_DEMAND_DAYS = 31;
    private final CalcomClient calcom;
    private final TenantDirectory tenants;
    private final KafkaTemplate<String, Object> kafka;
    private final CalcomApiKeys keys;
    private final int days;
    /** Debounces background refreshes, then hands each to its API key's lane. */
    private final ScheduledExecutorService soon = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("slot-refresh").daemon().factory());
    private final KeyedLanes lanes = new KeyedLanes("slot-refresh-key-");
    /** Urgent on-demand refreshes: a few threads, so one tenant's slow Cal.com does not hold up another tenant's caller. */
    private final ExecutorService onDemand = Executors.newFixedThreadPool(4,
            Thread.ofPlatform().name("slot-refresh-now-", 0).daemon().factory());
    /** Keys of refreshes scheduled and not yet started: a tenant's background one, or an on-demand range. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** Per tenant, the event types its next background refresh fetches, in the order asked for (synchronized sets). */
    private final Map<String, Set<Long>> due = new ConcurrentHashMap<>();

    public SlotRefresher(CalcomClient calcom, TenantDirectory tenants, KafkaTemplate<String, Object> kafka,
                         CalcomApiKeys keys,
                         @Value("${voicebooking.calcom.refresh-days:14}") int days) {
        this.calcom = calcom;
        this.tenants = tenants;
        this.kafka = kafka;
        this.keys = keys;
        this.days = days;
        tenants.onChange(t -> refreshSoon(t.tenantId(), null, null));
    }

    /**
     * Schedules a background refresh, for the next {@code refresh-days} days, of the event types a
     * booking change on {@code eventTypeId} affects ({@link TenantCatalog#relatedEventTypes}: every
     * service its host offers, {@code hostStaffId} (our staff id; null when unknown: every member
     * of its service)), or of all the tenant's event types when {@code eventTypeId} is null. The
     * event types of a tenant's calls within 200 ms, and of calls made while its refresh waits for
     * its API key's lane, are refreshed once.
     */
    public void refreshSoon(String tenantId, Long eventTypeId, String hostStaffId) {
        Optional<TenantCatalog> tenant = tenants.get(tenantId);
        if (tenant.isEmpty()) {
            return;
        }
        TenantCatalog t = tenant.get();
        // in the order asked for: the changed event type first
        due.computeIfAbsent(tenantId, k -> Collections.synchronizedSet(new LinkedHashSet<>()))
                .addAll(eventTypeId == null ? t.eventTypeIds() : t.relatedEventTypes(eventTypeId, hostStaffId));
        String key = "due:" + tenantId;
        if (!pending.add(key)) {
            return; // a refresh not yet started takes them along: it reads the due set when it starts
        }
        soon.schedule(() -> lanes.submit(ApiKeyIds.of(keys.forTenant(tenantId)), () -> {
            pending.remove(key); // added from here on: a refresh of their own
            Set<Long> set = due.get(tenantId);
            List<Long> now;
            synchronized (set) {
                now = List.copyOf(set);
                set.clear();
            }
            tenants.get(tenantId).ifPresent(current -> refresh(current, now, null, days, false));
        }), 200, TimeUnit.MILLISECONDS);
    }

    /**
     * On demand (a {@code SlotRefreshRequest} from availability-service, DESIGN §6): refreshes
     * the tenant-local days [{@code from}, {@code from + n}) of exactly that event type, at most
     * {@value #MAX_ON_DEMAND_DAYS} days. {@code urgent} (a caller waits or may soon ask): at once,
     * on the on-demand threads, outside the background rate limiter; otherwise in the API key's
     * lane through that limiter, like background work. A request for the same range that is
     * already waiting coalesces with it.
     */
    public void refreshRange(String tenantId, long eventTypeId, LocalDate from, int n, boolean urgent) {
        int count = Math.max(1, Math.min(n, MAX_ON_DEMAND_DAYS));
        String key = tenantId + ":" + eventTypeId + ":" + from + ":" + count + ":" + urgent;
        if (!pending.add(key)) {
            return;
        }
        Runnable work = () -> {
            pending.remove(key);
            tenants.get(tenantId).ifPresent(t -> refresh(t, List.of(eventTypeId), from, count, urgent));
        };
        if (urgent) {
            onDemand.execute(work);
        } else {
            lanes.submit(ApiKeyIds.of(keys.forTenant(tenantId)), work);
        }
    }

    /** Stops the refresh threads with the application; refreshes under way are interrupted. */
    @PreDestroy
    void stop() {
        soon.shutdownNow();
        onDemand.shutdownNow();
        lanes.close();
    }

    @Scheduled(fixedDelayString = "${voicebooking.calcom.refresh-interval-ms:300000}", initialDelay = 300000)
    public void refreshAll() {
        tenants.all().forEach(t -> refreshSoon(t.tenantId(), null, null));
    }

    /**
     * Fetches [{@code from} (null: today), + {@code n} days) of {@code eventTypes} and publishes
     * them, each snapshot stamped with the time Cal.com was asked (UTC); {@code urgent}: a caller
     * waits or may soon ask, so outside the background rate limiter.
     */
    void refresh(TenantCatalog t, List<Long> eventTypes, LocalDate from, int n, boolean urgent) {
        String key = keys.forTenant(t);
        LocalDate start = from != null ? from : LocalDate.now(t.zone());
        for (long et : eventTypes) {
            // stamped with the time of asking, not of the answer (SlotDays): of two refreshes of a day under way at once,
            // the one asked later knows more, and availability keeps the newest fetchedAt
            CalcomClient.SlotDays slots = urgent ? calcom.slotsNow(key, et, start, n, t.zone())
                    : calcom.slots(key, et, start, n, t.zone());
            if (slots == null) {
                continue; // Cal.com unreachable: availability keeps answering from the last snapshot, marked stale
            }
            Instant fetched = slots.askedAt();
            slots.byDay().forEach((day, starts) -> {
                ProducerRecord<String, Object> rec = new ProducerRecord<>(Topics.CALENDAR_SLOTS, t.tenantId() + ":" + et + ":" + day,
                        new SlotSnapshot(t.tenantId(), et, day, starts, fetched));
                MessageContext.root(t.tenantId(), null, null).writeTo(rec.headers());
                kafka.send(rec);
            });
        }
        log.debug("refreshed slots of tenant {} ({} event types)", t.tenantId(), eventTypes.size());
    }
}
