package de.voicebooking.availability;

import java.time.LocalDate;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.schemas.tenant.TenantDirectory;

/**
 * Direct HTTP access to the same availability answer, for operators and for the benchmark that
 * compares the gateway's Kafka round trip with it: {@code GET /availability/check?tenant=&date=YYYY-MM-DD&time=HH:mm&service=&staff=&earliest=HH:mm&latest=HH:mm}.
 */
@RestController
public class AvailabilityHttpController {
    private final AvailabilityQueries queries;
    private final TenantDirectory tenants;

    public AvailabilityHttpController(AvailabilityQueries queries, TenantDirectory tenants) {
        this.queries = queries;
        this.tenants = tenants;
    }

    @GetMapping("/availability/check")
    public ResponseEntity<Map<String, Object>> check(@RequestParam String tenant, @RequestParam LocalDate date,
                                                     @RequestParam(required = false) String time,
                                                     @RequestParam(required = false) String service,
                                                     @RequestParam(required = false) String staff,
                                                     @RequestParam(required = false) String earliest,
                                                     @RequestParam(required = false) String latest) {
        var t = tenants.get(tenant);
        if (t.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "unknown_tenant"));
        }
        AvailabilityResult r = queries.check(t.get(), new CheckAvailabilityQuery(date, time, service, staff, earliest, latest, null, false)).join();
        return ResponseEntity.ok(Map.of("available", r.getAvailable(), "slots", r.getSlots(), "stale", r.getStale(),
                "alternatives", r.getAlternatives().stream().map(a -> Map.of("date", a.getDate().toString(), "time", a.getTime())).toList()));
    }
}
