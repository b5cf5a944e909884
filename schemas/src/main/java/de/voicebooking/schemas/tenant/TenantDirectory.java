package de.voicebooking.schemas.tenant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import de.voicebooking.avro.TenantConfig;

/**
 * The tenants a service knows, fed from the compacted {@code tenant.config} topic and, in
 * services with a database, restored from table {@code tenant_config} at start. Lookups are
 * in memory. Thread-safe.
 */
public class TenantDirectory {
    private final Map<String, TenantCatalog> byId = new ConcurrentHashMap<>();
    private final Map<String, String> byPhone = new ConcurrentHashMap<>();
    private final Map<String, String> byAgent = new ConcurrentHashMap<>();
    private final List<Consumer<TenantCatalog>> listeners = new CopyOnWriteArrayList<>();
    /** tenant.config partition → the offset after the last record applied from it. */
    private final Map<Integer, Long> readUpTo = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    /**
     * Adds or replaces a tenant and tells the listeners. A number or agent id it gives up is
     * forgotten only while it is still its own (moved to another tenant applied meanwhile, it
     * stays with that one); one another tenant has is taken over (the newest manifest wins).
     */
    public void put(TenantConfig config) {
        TenantCatalog catalog = new TenantCatalog(config);
        TenantCatalog old = byId.put(config.getTenantId(), catalog);
        if (old != null) {
            forget(old);
        }
        config.getPhoneNumbers().forEach(p -> byPhone.put(p, config.getTenantId()));
        config.getAgentIds().forEach(a -> byAgent.put(a, config.getTenantId()));
        listeners.forEach(l -> l.accept(catalog));
    }

    /** Removes a tenant (a tombstone on the topic). */
    public void remove(String tenantId) {
        TenantCatalog old = byId.remove(tenantId);
        if (old != null) {
            forget(old);
        }
    }

    /** Forgets {@code old}'s numbers and agent ids that are still its own (one moved to another tenant stays with it). */
    private void forget(TenantCatalog old) {
        old.config().getPhoneNumbers().forEach(p -> byPhone.remove(p, old.tenantId()));
        old.config().getAgentIds().forEach(a -> byAgent.remove(a, old.tenantId()));
    }

    public Optional<TenantCatalog> get(String tenantId) {
        return Optional.ofNullable(tenantId).map(byId::get);
    }

    /**
     * Resolves the tenant of a Retell call: by the dialled number ({@code to_number}), else by
     * {@code agent_id} (DESIGN §7).
     */
    public Optional<TenantCatalog> forCall(String toNumber, String agentId) {
        String id = toNumber == null ? null : byPhone.get(toNumber);
        if (id == null && agentId != null) {
            id = byAgent.get(agentId);
        }
        return get(id);
    }

    public Collection<TenantCatalog> all() {
        return List.copyOf(byId.values());
    }

    /** Notes that the records of {@code tenant.config} partition {@code partition} before offset {@code next} are applied. */
    public void readUpTo(int partition, long next) {
        readUpTo.merge(partition, next, Math::max);
    }

    /**
     * Whether every partition of {@code tenant.config} has been applied up to {@code ends}
     * (partition → its end offset, the offset the next record written would get; a consumer's
     * {@code endOffsets}). An empty partition (end 0) counts as read.
     */
    public boolean hasRead(Map<Integer, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> e.getValue() <= readUpTo.getOrDefault(e.getKey(), 0L));
    }

    /**
     * Whether this directory holds every tenant there was when the service started: false until
     * {@link #markLoaded} (a number not found before then may belong to a tenant not read yet).
     */
    public boolean loaded() {
        return loaded;
    }

    /** Marks the directory {@link #loaded}. */
    public void markLoaded() {
        loaded = true;
    }

    /** Called after every put, on the thread that put. */
    public void onChange(Consumer<TenantCatalog> listener) {
        listeners.add(listener);
    }
}
