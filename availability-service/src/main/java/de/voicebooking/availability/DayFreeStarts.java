package de.voicebooking.availability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import de.voicebooking.availability.domain.SlotCalculator;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.schemas.slots.SlotSnapshots;
import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * The free starts of one day for one wish, from the projection only: the day's snapshot (a named
 * member's own missing: the service's; neither: the opening hours in
 * {@value #FALLBACK_STEP_MINUTES}-minute steps) minus live holds and bookings, per member who
 * does the service. A member's own event type's snapshot, where the service names one and it is
 * fresh, says whether that member is free; else the service's round-robin list does, which only
 * says that some host is, so every other member's hold or booking that list cannot show yet
 * counts against that member too ({@link SlotCalculator#againstRoundRobin}). A snapshot older
 * than {@code snapshot-max-age-minutes} is stale.
 */
@Component
public class DayFreeStarts {
    static final int FALLBACK_STEP_MINUTES = 15;
    private final ProjectionRepository repo;
    private final Clock clock;
    private final Duration maxAge;

    public DayFreeStarts(ProjectionRepository repo, Clock clock,
                         @Value("${voicebooking.availability.snapshot-max-age-minutes:15}") long maxAgeMinutes) {
        this.repo = repo;
        this.clock = clock;
        this.maxAge = Duration.ofMinutes(maxAgeMinutes);
    }

    /**
     * What is asked: service {@code s} with one of {@code staff}, whose free starts come from the
     * snapshots of {@code eventType} (the service's, or the member's own when the caller named
     * one who has it, {@link TenantCatalog#bookingEventType}).
     */
    record Wish(TenantCatalog t, CheckAvailabilityQuery q, ServiceOffering s, List<String> staff, long eventType) {
    }

    /**
     * Free starts of a day (HH:mm, tenant-local, ascending); {@code snapshot} says how its
     * snapshot was (null for a closed day); {@code staleOwn}: the members' own event types whose
     * snapshot of the day is missing or old.
     */
    record DaySlots(List<String> starts, ProjectionMetrics.Result snapshot, List<Long> staleOwn) {
        boolean stale() {
            return snapshot != null && snapshot != ProjectionMetrics.Result.FRESH;
        }
    }

    /** The free starts of tenant-local {@code day} for {@code w}; none for a day the business is closed. */
    DaySlots of(Wish w, LocalDate day) {
        TenantCatalog t = w.t();
        ServiceOffering s = w.s();
        Optional<TenantCatalog.Hours> hours = t.hours(day);
        if (hours.isEmpty()) {
            return new DaySlots(List.of(), null, List.of());
        }
        Instant now = clock.instant();
        long serviceType = s.getCalcomEventTypeId();
        List<Long> asked = new ArrayList<>(List.of(w.eventType(), serviceType));
        w.staff().stream().map(m -> s.getStaffEventTypeIds().get(m)).filter(Objects::nonNull).forEach(asked::add);
        Map<Long, SlotSnapshots.Snapshot> snaps = repo.snapshots(t.tenantId(), asked.stream().distinct().toList(), day);
        Optional<SlotSnapshots.Snapshot> snap = Optional.ofNullable(snaps.get(w.eventType()));
        // a named member's own list missing: the service's round robin, which has every start of theirs, caps it (not the hours)
        Optional<SlotSnapshots.Snapshot> source = snap.isPresent() ? snap : Optional.ofNullable(snaps.get(serviceType));
        boolean roundRobin = source.isPresent() && (w.eventType() == serviceType || snap.isEmpty());
        List<String> starts = source.map(SlotSnapshots.Snapshot::starts).orElseGet(() ->
                SlotCalculator.fromHours(hours.get().open(), hours.get().close(), s.getDurationMinutes(), FALLBACK_STEP_MINUTES));
        ProjectionMetrics.Result state = snap.isEmpty() ? ProjectionMetrics.Result.MISSING
                : snap.get().freshAt(now, maxAge) ? ProjectionMetrics.Result.FRESH : ProjectionMetrics.Result.STALE;
        Instant from = day.atStartOfDay(t.zone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(t.zone()).toInstant();
        List<SlotCalculator.Busy> busy = repo.busy(t.tenantId(), from, to);
        List<SlotCalculator.Busy> counted = new ArrayList<>(busy);
        // the service's round robin only says that some host is free; a member's own event type says whether they are
        Map<String, List<String>> startsOf = new LinkedHashMap<>();
        List<Long> staleOwn = new ArrayList<>();
        for (String m : w.staff()) {
            Long ownType = s.getStaffEventTypeIds().get(m);
            SlotSnapshots.Snapshot own = ownType == null ? null : snaps.get(ownType);
            boolean known = own != null && own.freshAt(now, maxAge);
            if (ownType != null && !known && ownType != w.eventType()) {
                staleOwn.add(ownType);
            }
            startsOf.put(m, !known ? starts : source.isEmpty() ? own.starts() : own.starts().stream().filter(starts::contains).toList());
            if (!known && roundRobin) { // the host free in that list may be one held here
                counted.addAll(SlotCalculator.againstRoundRobin(m, s.getStaff(), busy, source.get().fetchedAt()));
            }
        }
        List<String> free = SlotCalculator.freeStartsPerMember(day, startsOf, counted,
                s.getDurationMinutes(), t.zone(), now, t.config().getPolicies().getMinimumNoticeMinutes());
        return new DaySlots(SlotCalculator.withinHours(free, hours.get().open(), hours.get().close(), s.getDurationMinutes()), state, staleOwn);
    }
}
