package de.voicebooking.availability.domain;

import java.util.List;
import java.util.Optional;

import de.voicebooking.avro.Candidate;
import de.voicebooking.avro.ServiceInfo;
import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.ServicesResult;
import de.voicebooking.avro.StaffInfo;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.avro.StaffResult;
import de.voicebooking.schemas.tenant.ServiceMatcher;
import de.voicebooking.schemas.tenant.StaffMatcher;
import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * Answers about the tenant's catalogue from its manifest (DESIGN §7, §8), no projection needed:
 * which services there are and which one the caller meant (list_services), and who is in the
 * team, who offers a service and whom a name means (list_staff). Pure.
 */
public final class CatalogAnswers {
    private CatalogAnswers() {
    }

    /** All services of the tenant and, with a query, which one the caller meant (match, ambiguous or none). */
    public static ServicesResult services(TenantCatalog t, String query) {
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
     * The team, or with {@code service} ("Färben") the members who offer it, each with the names
     * of the services they offer; with {@code query} ("Frau Müller") also whom the name means
     * ({@link StaffMatcher}): outcome match, ambiguous (of several, with a service, those who
     * offer it if any do, else all of them) or none; a query that names nobody in particular ("egal") is as none
     * said (outcome null). A service that cannot be made out sets problem unknown_service or
     * ambiguous_service (with its candidates) and lists the whole team.
     *
     * @param query  the name said, or null
     * @param service the service said, or null
     */
    public static StaffResult staff(TenantCatalog t, String query, String service) {
        StaffResult.Builder out = StaffResult.newBuilder().setCandidates(List.of()).setServiceCandidates(List.of());
        Optional<ServiceOffering> s = Optional.empty();
        if (!ServiceMatcher.saysNothing(service)) {
            ServiceMatcher.Result r = t.matchService(service);
            s = t.chosen(r);
            if (s.isEmpty()) {
                out.setProblem(r.outcome() == ServiceMatcher.Outcome.AMBIGUOUS ? "ambiguous_service" : "unknown_service");
                out.setServiceCandidates(r.candidates().stream().map(ServiceMatcher.Scored::name).toList());
            }
        }
        Optional<ServiceOffering> about = s;
        out.setServiceName(about.map(ServiceOffering::getName).orElse(null));
        out.setStaff(t.config().getStaff().stream()
                .filter(m -> about.map(x -> x.getStaff().contains(m.getId())).orElse(true))
                .map(m -> new StaffInfo(m.getId(), m.getName(), servicesOf(t, m))).toList());
        // of several namesakes, those who offer the service; if none does, all of them to ask among (never an arbitrary one)
        StaffMatcher.Result named = t.staffWish(query);
        StaffMatcher.Result wish = about.flatMap(x -> TenantCatalog.amongOffering(named, x)).orElse(named);
        if (wish.outcome() != StaffMatcher.Outcome.ANYONE) {
            out.setOutcome(wish.outcome().name().toLowerCase());
            out.setCandidates(wish.members().stream().map(m -> new Candidate(m.getId(), m.getName(), 1.0)).toList());
        }
        return out.build();
    }

    /** The names of the services member {@code m} offers, in the manifest's order. */
    private static List<String> servicesOf(TenantCatalog t, StaffMember m) {
        return t.config().getServices().stream().filter(x -> x.getStaff().contains(m.getId())).map(ServiceOffering::getName).toList();
    }
}
