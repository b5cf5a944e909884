package de.voicebooking.availability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import de.voicebooking.availability.domain.AlternativeRanker;
import de.voicebooking.availability.domain.SlotCalculator;
import de.voicebooking.avro.Alternative;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.Candidate;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.avro.ServiceInfo;
import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.ServicesResult;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.schemas.slots.SlotSnapshots;
import de.voicebooking.schemas.tenant.ServiceMatcher;
import de.voicebooking.schemas.tenant.StaffMatcher;
import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * Answers availability questions from the projection only (never from Cal.com): which
 * services exist and which one the caller meant, and which starts are free on a day, with
 * ranked alternatives when the wish is not free. A day whose snapshot is missing or older than
 * {@code snapshot-max-age-minutes} is refreshed on demand ({@link SnapshotRefresh}: the answer
 * waits briefly for the caller's own day, without blocking a thread); until a new snapshot is there it is answered from the old snapshot
 * or the opening hours, with {@code stale = true}. A start is free if a member who does the
 * service has no live hold or booking then and is free in Cal.com: per the member's own event
 * type's snapshot where the service names one and it is fresh (Cal.com's round robin list only
 * says that some host is free), else per the service's.
 */
@Service
public class AvailabilityQueries {
    static final int ALTERNATIVE_DAYS = 7;
    static final int FALLBACK_STEP_MINUTES = 15;
    /** Where an answer that waited for a refresh is computed: a virtual thread each, none kept waiting. */
    private static final Executor AFTER_REFRESH = Executors.newVirtualThreadPerTaskExecutor();
    private final ProjectionRepository repo;
    private final ProjectionMetrics metrics;
    private final SnapshotRefresh refresh;
    private final Clock clock;
    private final Duration maxAge;

    public AvailabilityQueries(ProjectionRepository repo, ProjectionMetrics metrics, SnapshotRefresh refresh, Clock clock,
                               @Value("${voicebooking.availability.snapshot-max-age-minutes:15}") long maxAgeMinutes) {
        this.repo = repo;
        this.metrics = metrics;
        this.refresh = refresh;
        this.clock = clock;
        this.maxAge = Duration.ofMinutes(maxAgeMinutes);
    }

    /** All services of the tenant and, with a query, which one the caller meant. */
    public ServicesResult listServices(TenantCatalog t, String query) {
        List<ServiceInfo> all = t.config().getServices().stream()
                .map(s -> new ServiceInfo(s.getId(), s.getName(), s.getDurationMinutes(), s.getPriceCents(), s.getCategory())).toList();
        if (ServiceMatcher.saysNothing(query)) { // none, or "einen Termin bitte": the overview, not "we do not offer that"
            return new ServicesResult(all, null, List.of());
        }
        ServiceMatcher.Result r = t.matchService(query);
        return new ServicesResult(all, r.outcome().name().toLowerCase(),
                r.candidates().stream().map(c -> new Candidate(c.id(), c.name(), c.score())).toList());
    }

    /**
     * Is the wished time free (or: which times are free that day, or within the caller's window
     * of starts, {@code earliest} to {@code latest}), with alternatives. Usually
     * already complete; when the caller's day must first be refreshed, it completes once the
     * new snapshot is there or {@link SnapshotRefresh}'s wait is over (then stale), computed on
     * a virtual thread, so the calling thread never waits.
     */
    public CompletableFuture<AvailabilityResult> check(TenantCatalog t, CheckAvailabilityQuery q) {
        AvailabilityResult.Builder out = AvailabilityResult.newBuilder().setDate(q.getDate()).setTime(q.getTime())
                .setAvailable(false).setSlots(List.of()).setAlternatives(List.of()).setStale(false).setCandidates(List.of());
        Optional<ServiceOffering> service = resolveService(t, q.getService(), out);
        if (service.isEmpty()) {
            return CompletableFuture.completedFuture(out.build());
        }
        ServiceOffering s = service.get();
        out.setServiceName(s.getName());
        List<String> staff = s.getStaff();
        long eventType = s.getCalcomEventTypeId();
        StaffMatcher.Result wish = t.staffWish(q.getStaff(), s);
        Optional<TenantCatalog.StaffRefusal> refused = t.staffRefusal(wish, s);
        if (refused.isPresent()) { // with the names to choose among
            TenantCatalog.StaffRefusal r = refused.get();
            return CompletableFuture.completedFuture(out.setProblem(r.reason()).setStaffName(r.askedName()).setCandidates(r.names()).build());
        }
        StaffMember m = wish.member();
        if (m != null) {
            staff = List.of(m.getId());
            out.setStaffName(m.getName());
            eventType = TenantCatalog.bookingEventType(s, m.getId(), true); // that member's own slots, if named
        }
        Wish w = new Wish(t, q, s, staff, eventType);
        DaySlots first = freeStarts(w, q.getDate());
        // a stale day: ask for the caller's day and the rest of the week; wait briefly only for the caller's own day
        CompletableFuture<Boolean> arrived = first.stale() ? refresh.request(t, eventType, q.getDate(), ALTERNATIVE_DAYS, true) : null;
        // members' own event types are refreshed ahead only for the next days: a missing or old one is asked for too,
        // after the caller's own and through the background budget, so that later questions see each member's slots
        first.staleOwn().forEach(own -> refresh.requestInBackground(t, own, q.getDate(), ALTERNATIVE_DAYS));
        if (arrived == null) {
            return CompletableFuture.completedFuture(answer(w, first, false, out));
        }
        if (arrived.isDone() && !arrived.join()) {
            return CompletableFuture.completedFuture(answer(w, first, true, out));
        }
        return arrived.thenApplyAsync(a -> answer(w, a ? freeStarts(w, q.getDate()) : first, true, out), AFTER_REFRESH);
    }

    /**
     * What is asked: service {@code s} with one of {@code staff}, whose free starts come from the
     * snapshots of {@code eventType} (the service's, or the member's own when the caller named
     * one who has it, {@link TenantCatalog#bookingEventType}).
     */
    private record Wish(TenantCatalog t, CheckAvailabilityQuery q, ServiceOffering s, List<String> staff, long eventType) {
    }

    /**
     * The answer from the caller's day {@code first} and, if the wish is not free there, the
     * following days' free starts; a stale later day is refreshed in the background unless
     * {@code refreshAsked}.
     */
    private AvailabilityResult answer(Wish w, DaySlots first, boolean refreshAsked, AvailabilityResult.Builder out) {
        TenantCatalog t = w.t();
        CheckAvailabilityQuery q = w.q();
        Map<LocalDate, List<LocalTime>> freeByDay = new LinkedHashMap<>();
        LocalTime wish = q.getTime() == null ? null : LocalTime.parse(q.getTime());
        // a window of starts the caller accepts ("nachmittags", "nach 17 Uhr"): only a wish without an exact time has one
        boolean window = wish == null && (q.getEarliest() != null || q.getLatest() != null);
        LocalTime earliest = q.getEarliest() == null ? LocalTime.MIN : LocalTime.parse(q.getEarliest());
        LocalTime latest = q.getLatest() == null ? LocalTime.MAX : LocalTime.parse(q.getLatest());
        for (int i = 0; i < ALTERNATIVE_DAYS; i++) {
            LocalDate day = q.getDate().plusDays(i);
            DaySlots d = i == 0 ? first : freeStarts(w, day);
            if (d.stale() && !refreshAsked) {
                refreshAsked = true;
                refresh.request(t, w.eventType(), day, ALTERNATIVE_DAYS - i, false);
            }
            if (d.snapshot != null) {
                metrics.used(d.snapshot);
            }
            freeByDay.put(day, d.starts.stream().map(LocalTime::parse).toList());
            if (i == 0) {
                List<String> slots = window ? d.starts.stream().filter(st -> AlternativeRanker.within(LocalTime.parse(st), earliest, latest))
                        .toList() : d.starts;
                out.setSlots(slots).setStale(d.stale());
                if (t.hours(day).isEmpty()) {
                    out.setProblem("closed");
                }
                boolean available = wish != null ? d.starts.contains(q.getTime()) : !slots.isEmpty();
                out.setAvailable(available);
                if (available) {
                    break; // alternatives are only needed when the wish is not free
                }
            }
        }
        List<AlternativeRanker.Alternative> ranked = window ? (out.getAvailable() ? List.of()
                : AlternativeRanker.rankAround(q.getDate(), earliest, latest, freeByDay, 3))
                : !out.getAvailable() || wish == null ? AlternativeRanker.rank(q.getDate(), wish, freeByDay, 3) : null;
        if (ranked != null) {
            out.setAlternatives(ranked.stream().map(a -> new Alternative(a.date(), a.time().toString(), a.kind())).toList());
        }
        return out.build();
    }

    /**
     * Free starts of a day; {@code snapshot} says how its snapshot was (null for a closed day);
     * {@code staleOwn}: the members' own event types whose snapshot of the day is missing or old.
     */
    private record DaySlots(List<String> starts, ProjectionMetrics.Result snapshot, List<Long> staleOwn) {
        boolean stale() {
            return snapshot != null && snapshot != ProjectionMetrics.Result.FRESH;
        }
    }

    private DaySlots freeStarts(Wish w, LocalDate day) {
        TenantCatalog t = w.t();
        ServiceOffering s = w.s();
        Optional<TenantCatalog.Hours> hours = t.hours(day);
        if (hours.isEmpty()) {
            return new DaySlots(List.of(), null, List.of());
        }
        Instant now = clock.instant();
        List<Long> asked = new ArrayList<>(List.of(w.eventType()));
        w.staff().stream().map(m -> s.getStaffEventTypeIds().get(m)).filter(Objects::nonNull).forEach(asked::add);
        Map<Long, SlotSnapshots.Snapshot> snaps = repo.snapshots(t.tenantId(), asked, day);
        Optional<SlotSnapshots.Snapshot> snap = Optional.ofNullable(snaps.get(w.eventType()));
        List<String> starts = snap.map(SlotSnapshots.Snapshot::starts).orElseGet(() ->
                SlotCalculator.fromHours(hours.get().open(), hours.get().close(), s.getDurationMinutes(), FALLBACK_STEP_MINUTES));
        ProjectionMetrics.Result state = snap.isEmpty() ? ProjectionMetrics.Result.MISSING
                : snap.get().freshAt(now, maxAge) ? ProjectionMetrics.Result.FRESH : ProjectionMetrics.Result.STALE;
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
            startsOf.put(m, !known ? starts : snap.isEmpty() ? own.starts() : own.starts().stream().filter(starts::contains).toList());
        }
        Instant from = day.atStartOfDay(t.zone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(t.zone()).toInstant();
        List<String> free = SlotCalculator.freeStartsPerMember(day, startsOf, repo.busy(t.tenantId(), from, to),
                s.getDurationMinutes(), t.zone(), now, t.config().getPolicies().getMinimumNoticeMinutes());
        return new DaySlots(free, state, staleOwn);
    }

    private Optional<ServiceOffering> resolveService(TenantCatalog t, String said, AvailabilityResult.Builder out) {
        if (said == null || said.isBlank()) {
            Optional<ServiceOffering> def = t.config().getServices().stream().filter(s -> Boolean.TRUE.equals(s.getDefault$())).findFirst();
            if (def.isEmpty()) {
                out.setProblem("service_required");
            }
            return def;
        }
        ServiceMatcher.Result r = t.matchService(said);
        Optional<ServiceOffering> meant = t.chosen(r);
        if (meant.isPresent()) {
            return meant;
        }
        out.setProblem(r.outcome() == ServiceMatcher.Outcome.AMBIGUOUS ? "ambiguous_service" : "unknown_service");
        out.setCandidates(r.candidates().stream().map(ServiceMatcher.Scored::name).toList());
        return Optional.empty();
    }
}
