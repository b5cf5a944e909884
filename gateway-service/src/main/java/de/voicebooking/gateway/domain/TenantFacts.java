package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * What the sentences know of the tenant beyond its zone (from its manifest, DESIGN §10).
 *
 * @param appointmentPhrase a service's name → how it follows "Termin" ("für einen Damenschnitt",
 *                          "zum Färben": manifest {@code services[].appointmentPhrase}), or null
 *                          for "für &lt;name&gt;"
 * @param staffNames        the full names of the tenant's staff (manifest {@code staff[].name}):
 *                          a member is said by first name unless another one has the same
 * @param hours             a day → its opening hours (tenant-local), empty when closed
 * @param durationMinutes   a service's name → its length in minutes, or null when not known
 */
public record TenantFacts(Function<String, String> appointmentPhrase, List<String> staffNames,
                          Function<LocalDate, Optional<TenantCatalog.Hours>> hours, Function<String, Integer> durationMinutes) {
    /** Knows nothing: services follow "Termin" as "für &lt;name&gt;", staff by first name, no hours. */
    public static final TenantFacts NONE = new TenantFacts(name -> null, List.of(), day -> Optional.empty(), name -> null);

    public TenantFacts {
        staffNames = List.copyOf(staffNames);
    }

    /** These facts with {@code phrase} as the appointment phrases. */
    public TenantFacts withAppointmentPhrase(Function<String, String> phrase) {
        return new TenantFacts(phrase, staffNames, hours, durationMinutes);
    }

    /** These facts with {@code names} as the staff's names. */
    public TenantFacts withStaffNames(List<String> names) {
        return new TenantFacts(appointmentPhrase, names, hours, durationMinutes);
    }

    /** The facts of {@code tenant}'s manifest; a day whose hours are malformed counts as having none. */
    public static TenantFacts of(TenantCatalog tenant) {
        return new TenantFacts(
                service -> tenant.service(service).map(s -> s.getAppointmentPhrase()).orElse(null),
                tenant.config().getStaff().stream().map(m -> m.getName()).toList(),
                day -> {
                    try {
                        return tenant.hours(day);
                    } catch (IllegalArgumentException malformed) {
                        return Optional.empty();
                    }
                },
                service -> tenant.service(service).map(s -> s.getDurationMinutes()).orElse(null));
    }
}
