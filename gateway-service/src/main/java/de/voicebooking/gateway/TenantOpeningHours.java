package de.voicebooking.gateway;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;

import de.voicebooking.gateway.domain.OpeningHours;
import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * A tenant's opening hours from its manifest ({@code hours}, DESIGN §7) as the date parser asks
 * for them: open at local {@code time} if opening ≤ time &lt; closing on that weekday. A day
 * whose hours the manifest writes badly counts as open (the parser's fixed reading decides).
 */
final class TenantOpeningHours implements OpeningHours {
    private final TenantCatalog tenant;

    TenantOpeningHours(TenantCatalog tenant) {
        this.tenant = tenant;
    }

    @Override
    public boolean open(LocalDate date, LocalTime time) {
        if (date == null) {
            LocalDate monday = LocalDate.now(tenant.zone()).with(DayOfWeek.MONDAY);
            return Arrays.stream(DayOfWeek.values()).anyMatch(d -> open(monday.with(d), time));
        }
        try {
            return tenant.hours(date).map(h -> !time.isBefore(h.open()) && time.isBefore(h.close())).orElse(false);
        } catch (IllegalArgumentException badHours) {
            return true;
        }
    }
}
