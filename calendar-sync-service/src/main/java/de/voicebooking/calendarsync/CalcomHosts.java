package de.voicebooking.calendarsync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.StaffMember;
import de.voicebooking.schemas.tenant.TenantDirectory;

/**
 * Our staff id of the host Cal.com gave a booking ({@code data.hosts[0].username},
 * calcom-api-v2.md §4.1, mapped through the manifest's {@code calcomUsername}): for a round-robin
 * event type Cal.com chooses the host at create and again at a reschedule, and it may not be the
 * staff member the row was for.
 */
@Component
class CalcomHosts {
    private static final Logger log = LoggerFactory.getLogger(CalcomHosts.class);
    private final TenantDirectory tenants;

    CalcomHosts(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /** The staff id of {@code hostUsername} for row {@code r}; null when Cal.com named no host or one the manifest does not know. */
    String staffOf(SyncRepository.Row r, String hostUsername) {
        if (hostUsername == null) {
            return null;
        }
        String staff = tenants.get(r.tenantId()).flatMap(t -> t.staffByCalcomUsername(hostUsername)).map(StaffMember::getId).orElse(null);
        if (staff == null) {
            log.warn("booking {}: Cal.com host {} is no staff member of tenant {}", r.bookingId(), hostUsername, r.tenantId());
        } else if (!staff.equals(r.staffId())) {
            log.info("booking {}: was {}'s, Cal.com's round robin made {} the host", r.bookingId(), r.staffId(), staff);
        }
        return staff;
    }
}
