package de.voicebooking.schemas.tenant;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.avro.TenantConfig;

/**
 * Read-only view of one tenant manifest (DESIGN §7) with the exact lookups several services
 * need: service by id, name or synonym; staff by id, full or first name; opening hours of a
 * day. Fuzzy matching of what a caller said belongs to availability-service, not here.
 */
public record TenantCatalog(TenantConfig config) {

    /** Opening hours of one day, tenant-local. */
    public record Hours(LocalTime open, LocalTime close) {
    }

    public String tenantId() {
        return config.getTenantId();
    }

    public ZoneId zone() {
        return ZoneId.of(config.getTimeZone());
    }

    /** Exact match (case, accents and spaces ignored) on id, name or a synonym. */
    public Optional<ServiceOffering> service(String text) {
        String key = normalize(text);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        for (ServiceOffering s : config.getServices()) {
            if (normalize(s.getId()).equals(key) || normalize(s.getName()).equals(key)
                    || s.getSynonyms().stream().anyMatch(syn -> normalize(syn).equals(key))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Exact match on id, full name or first name. */
    public Optional<StaffMember> staff(String text) {
        String key = normalize(text);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        for (StaffMember m : config.getStaff()) {
            String full = normalize(m.getName());
            String first = normalize(m.getName().split("\\s+")[0]);
            if (normalize(m.getId()).equals(key) || full.equals(key) || first.equals(key)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public Optional<StaffMember> staffById(String id) {
        return config.getStaff().stream().filter(m -> m.getId().equals(id)).findFirst();
    }

    public Optional<ServiceOffering> serviceById(String id) {
        return config.getServices().stream().filter(s -> s.getId().equals(id)).findFirst();
    }

    /** Services whose Cal.com event type is {@code eventTypeId}. */
    public List<ServiceOffering> servicesOfEventType(long eventTypeId) {
        return config.getServices().stream().filter(s -> s.getCalcomEventTypeId() == eventTypeId).toList();
    }

    /**
     * Opening hours on {@code date}; empty when closed. The manifest's {@code hours} map uses
     * keys mon..sun and values {@code "HH:mm-HH:mm"}.
     *
     * @throws IllegalArgumentException for a malformed value
     */
    public Optional<Hours> hours(LocalDate date) {
        String value = config.getHours().get(dayKey(date.getDayOfWeek()));
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String[] parts = value.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("bad hours '" + value + "' in tenant " + tenantId());
        }
        return Optional.of(new Hours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1])));
    }

    /** mon, tue, ... sun */
    public static String dayKey(DayOfWeek d) {
        return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    /** Lower case, umlauts folded (ä→ae, ß→ss), accents and non-letters dropped. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = text.toLowerCase(Locale.GERMAN).trim()
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return s.replaceAll("[^a-z0-9]", "");
    }
}
