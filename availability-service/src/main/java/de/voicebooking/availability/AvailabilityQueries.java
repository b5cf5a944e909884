package de.voicebooking.availability;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.springframework.stereotype.Service;

import de.voicebooking.availability.domain.AlternativeRanker;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.schemas.tenant.ServiceMatcher;
import de.voicebooking.schemas.tenant.StaffMatcher;
import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * Answers availability questions from the projection only (never from Cal.com): which
 * starts are free on a day, with
 * ranked alternatives when the wish is not free (or {@code otherTimes} asks for them, as
 * get_alternatives does), or on which days of a range ({@link
 * RangeAvailability}). A day whose snapshot is missing or older than {@code
 * snapshot-max-age-minutes} is refreshed on demand ({@link SnapshotRefresh}: the answer waits
 * briefly for the caller's own day, without blocking a thread); until a new snapshot is there it
 * is answered from the old snapshot or the opening hours, with {@code stale = true}. A day's free
 * starts are read by {@link DayFreeStarts}.
 */
@Service
public class AvailabilityQueries {
    /** How many days from the wished one on are read for alternatives. */
    static final int ALTERNATIVE_DAYS = 7;
    /** Where an answer that waited for a refresh is computed: a virtual thread each, none kept waiting. */
    private static final Executor AFTER_REFRESH = Executors.newVirtualThreadPerTaskExecutor();
    private final DayFreeStarts days;
    private final RangeAvailability ranges;
    private final ProjectionMetrics metrics;
    private final SnapshotRefresh refresh;

    public AvailabilityQueries(DayFreeStarts days, RangeAvailability ranges, ProjectionMetrics metrics, SnapshotRefresh refresh) {
        this.days = days;
        this.ranges = ranges;
        this.metrics = metrics;
        this.refresh = refresh;
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
        DayFreeStarts.Wish w = new DayFreeStarts.Wish(t, q, s, staff, eventType);
        DayFreeStarts.DaySlots first = days.of(w, q.getDate());
        // a stale day: ask for the caller's day and the rest of the week (or range); wait briefly only for the caller's own day,
        // or, when the business is closed that day, for the first open day after it, whose times the answer offers then
        int ahead = q.getLastDate() == null ? ALTERNATIVE_DAYS : RangeAvailability.refreshAhead(q);
        LocalDate waitDay = t.hours(q.getDate()).isPresent() ? q.getDate() : firstOpenDay(t, q.getDate().plusDays(1),
                q.getLastDate() != null ? q.getLastDate() : q.getDate().plusDays(ALTERNATIVE_DAYS - 1));
        DayFreeStarts.DaySlots waited = waitDay == null || waitDay.equals(q.getDate()) ? first : days.of(w, waitDay);
        CompletableFuture<Boolean> arrived = waitDay != null && waited.stale()
                ? refresh.request(t, eventType, waitDay, Math.max(1, ahead - (int) ChronoUnit.DAYS.between(q.getDate(), waitDay)), true) : null;
        // members' own event types are refreshed ahead only for the next days: a missing or old one is asked for too,
        // after the caller's own and through the background budget, so that later questions see each member's slots
        first.staleOwn().forEach(own -> refresh.requestInBackground(t, own, q.getDate(), ahead));
        if (arrived == null) {
            return CompletableFuture.completedFuture(answer(w, first, false, out));
        }
        if (arrived.isDone() && !arrived.join()) {
            return CompletableFuture.completedFuture(answer(w, first, true, out));
        }
        // read again even when the refresh did not come in time: holds and snapshots stored while waiting count
        return arrived.thenApplyAsync(a -> answer(w, days.of(w, q.getDate()), true, out), AFTER_REFRESH);
    }

    /**
     * The answer from the caller's day {@code first} and, if the wish is not free there, the
     * following days' free starts; a stale later day is refreshed in the background unless
     * {@code refreshAsked}, and makes the answer {@code alternativesStale} when an alternative is on it. A range of days is answered by {@link RangeAvailability}.
     */
    private AvailabilityResult answer(DayFreeStarts.Wish w, DayFreeStarts.DaySlots first, boolean refreshAsked,
                                      AvailabilityResult.Builder out) {
        if (w.q().getLastDate() != null) {
            return ranges.answer(w, first, refreshAsked, out);
        }
        TenantCatalog t = w.t();
        CheckAvailabilityQuery q = w.q();
        Map<LocalDate, List<LocalTime>> freeByDay = new LinkedHashMap<>();
        java.util.Set<LocalDate> staleDays = new java.util.HashSet<>();
        LocalTime wish = q.getTime() == null ? null : LocalTime.parse(q.getTime());
        // a window of starts the caller accepts ("nachmittags", "nach 17 Uhr"): only a wish without an exact time has one
        boolean window = wish == null && (q.getEarliest() != null || q.getLatest() != null);
        LocalTime earliest = q.getEarliest() == null ? LocalTime.MIN : LocalTime.parse(q.getEarliest());
        LocalTime latest = q.getLatest() == null ? LocalTime.MAX : LocalTime.parse(q.getLatest());
        for (int i = 0; i < ALTERNATIVE_DAYS; i++) {
            LocalDate day = q.getDate().plusDays(i);
            DayFreeStarts.DaySlots d = i == 0 ? first : days.of(w, day);
            if (d.stale() && !refreshAsked) {
                refreshAsked = true;
                refresh.request(t, w.eventType(), day, ALTERNATIVE_DAYS - i, false);
            }
            if (d.snapshot() != null) {
                metrics.used(d.snapshot());
            }
            if (d.stale()) {
                staleDays.add(day);
            }
            freeByDay.put(day, d.starts().stream().map(LocalTime::parse).toList());
            if (i == 0) {
                List<String> slots = window ? d.starts().stream().filter(st -> AlternativeRanker.within(LocalTime.parse(st), earliest, latest))
                        .toList() : d.starts();
                out.setSlots(slots).setStale(d.stale());
                if (t.hours(day).isEmpty()) {
                    out.setProblem("closed");
                }
                boolean available = wish != null ? d.starts().contains(q.getTime()) : !slots.isEmpty();
                out.setAvailable(available);
                if (available && !q.getOtherTimes()) {
                    break; // alternatives are only needed when the wish is not free, or asked for (get_alternatives)
                }
            }
        }
        boolean wanted = !out.getAvailable() || q.getOtherTimes();
        List<AlternativeRanker.Alternative> ranked = window ? (wanted ? AlternativeRanker.rankAround(q.getDate(), earliest, latest, freeByDay, 3)
                : List.of())
                : wanted || wish == null ? AlternativeRanker.rank(q.getDate(), wish, freeByDay, 3) : null;
        if (ranked != null) {
            out.setAlternatives(RangeAvailability.avro(ranked));
            // an alternative from a day without a fresh snapshot is offered as of the last known state
            out.setAlternativesStale(ranked.stream().anyMatch(a -> staleDays.contains(a.date())));
        }
        return out.build();
    }

    /** The first day from {@code from} to {@code last} (tenant-local, inclusive) the business is open; null for none. */
    private static LocalDate firstOpenDay(TenantCatalog t, LocalDate from, LocalDate last) {
        for (LocalDate d = from; !d.isAfter(last); d = d.plusDays(1)) {
            if (t.hours(d).isPresent()) {
                return d;
            }
        }
        return null;
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
