package de.voicebooking.infra.tenant;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.voicebooking.avro.CalcomSettings;
import de.voicebooking.avro.Policies;
import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.avro.TenantConfig;
import de.voicebooking.schemas.tenant.TenantCatalog;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a tenant manifest (YAML, DESIGN §7) into the {@link TenantConfig} published on
 * {@code tenant.config}. Missing policies take their defaults.
 *
 * @throws IllegalArgumentException for a manifest that lacks a required field, names staff
 * that does not exist, or has a phone number that is none
 */
public final class TenantManifest {
    private TenantManifest() {
    }

    public static TenantConfig read(Path file) {
        JsonNode m = YAMLMapper.builder().build().readTree(file.toFile());
        TenantConfig.Builder b = TenantConfig.newBuilder()
                .setTenantId(required(m, "tenant")).setName(required(m, "name"))
                .setTimeZone(m.path("timeZone").asString("Europe/Berlin"))
                .setPhoneNumbers(phoneNumbers(m.path("phoneNumbers"))).setAgentIds(strings(m.path("agentIds")))
                .setCalcom(new CalcomSettings(m.path("calcom").has("teamId") ? m.path("calcom").path("teamId").asLong() : null,
                        m.path("calcom").path("apiKeyEnv").asString(null)));
        JsonNode p = m.path("policies");
        b.setPolicies(new Policies(p.path("minimumNoticeMinutes").asInt(15), p.path("cancellationDeadlineHours").asInt(24),
                p.path("rescheduleDeadlineHours").asInt(12), p.path("holdMinutes").asInt(5)));
        Map<String, String> hours = new LinkedHashMap<>();
        m.path("hours").properties().forEach(e -> hours.put(e.getKey(), e.getValue().asString()));
        b.setHours(hours);
        b.setSpecialHours(specialHours(m.path("specialHours")));
        List<StaffMember> staff = new ArrayList<>();
        for (JsonNode s : m.path("staff")) {
            staff.add(new StaffMember(required(s, "id"), required(s, "name"), s.path("calcomUsername").asString(null)));
        }
        b.setStaff(staff);
        List<ServiceOffering> services = new ArrayList<>();
        for (JsonNode s : m.path("services")) {
            List<String> who = strings(s.path("staff"));
            for (String w : who) {
                if (staff.stream().noneMatch(x -> x.getId().equals(w))) {
                    throw new IllegalArgumentException("service " + s.path("id").asString() + " names unknown staff " + w);
                }
            }
            Map<String, Long> own = new LinkedHashMap<>();
            s.path("staffEventTypeIds").properties().forEach(e -> own.put(e.getKey(), e.getValue().asLong()));
            for (String w : own.keySet()) {
                if (!who.contains(w)) {
                    throw new IllegalArgumentException("service " + s.path("id").asString() + " names an event type for " + w
                            + ", who does not offer it");
                }
            }
            services.add(new ServiceOffering(required(s, "id"), required(s, "name"), strings(s.path("synonyms")),
                    s.path("category").asString(null), s.path("durationMinutes").asInt(30),
                    s.has("priceCents") ? s.path("priceCents").asInt() : null, s.path("calcomEventTypeId").asLong(), who,
                    s.path("default").asBoolean(false), own, s.path("appointmentPhrase").asString(null)));
        }
        b.setServices(services);
        return b.build();
    }

    /**
     * What an operator should hear about {@code config}: for each service with several members,
     * those without an own event type ({@code staffEventTypeIds}), whom a caller asking for them
     * by name cannot be promised, since Cal.com's round robin picks the host
     * ({@link TenantCatalog#keepsMember}). One English line per such service; empty when none.
     */
    public static List<String> warnings(TenantConfig config) {
        List<String> out = new ArrayList<>();
        for (ServiceOffering s : config.getServices()) {
            List<String> notKept = s.getStaff().stream().filter(m -> !TenantCatalog.keepsMember(s, m)).toList();
            if (!notKept.isEmpty()) {
                out.add("service " + s.getId() + ": no staffEventTypeIds for " + String.join(", ", notKept)
                        + "; a caller who asks for them by name is told that Cal.com's round robin picks who serves them");
            }
        }
        return out;
    }

    /**
     * {@code specialHours}: tenant-local days ({@code YYYY-MM-DD}) to {@code "HH:mm-HH:mm"} or
     * {@code "closed"}, the day's hours instead of its weekday's.
     *
     * @throws IllegalArgumentException for a day or hours that cannot be read, or hours that end before they begin
     */
    static Map<String, String> specialHours(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.properties().forEach(e -> {
            String day = e.getKey().trim();
            String value = e.getValue().asString("").trim();
            try {
                java.time.LocalDate.parse(day);
            } catch (java.time.format.DateTimeParseException bad) {
                throw new IllegalArgumentException("specialHours: '" + day + "' is no day (YYYY-MM-DD)");
            }
            // read as the services read it (TenantCatalog.parseHours), so nothing accepted here fails there
            if (!TenantCatalog.CLOSED.equalsIgnoreCase(value)
                    && TenantCatalog.parseHours(value).filter(h -> h.close().isAfter(h.open())).isEmpty()) {
                throw new IllegalArgumentException("specialHours " + day + ": '" + value + "' is neither \"HH:mm-HH:mm\" nor \"closed\"");
            }
            out.put(day, value);
        });
        return out;
    }

    private static String required(JsonNode n, String field) {
        String v = n.path(field).asString(null);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("manifest field '" + field + "' is required");
        }
        return v;
    }

    /**
     * The business's numbers in E.164 ("+49 30 555010" and "030 555010" are "+4930555010"), as
     * Retell sends {@code call.to_number}, so a call for the tenant is found (numbers without a
     * country code are taken as German).
     *
     * @throws IllegalArgumentException for one that is no possible phone number
     */
    private static List<String> phoneNumbers(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (String said : strings(n)) {
            out.add(de.voicebooking.schemas.phone.PhoneNumbers.possibleE164(said, "DE")
                    .orElseThrow(() -> new IllegalArgumentException("phoneNumbers: '" + said + "' is no phone number")));
        }
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asString()));
        return out;
    }
}
