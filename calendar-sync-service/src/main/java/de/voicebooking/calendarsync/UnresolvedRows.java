package de.voicebooking.calendarsync;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The bookings whose calendar side only an operator can settle, as the gauge
 * {@code calendar.sync.unresolved} (Prometheus {@code calendar_sync_unresolved}, read from the
 * database at each scrape), the metric to alert on when it is above zero. Tag {@code kind}:
 * <ul>
 *   <li>{@code compensation_failed}: a Cal.com booking of a booking that failed (the caller was
 *       told it is not booked) whose cancel Cal.com kept refusing; reconciliation retries it, or
 *       an operator cancels it in Cal.com by hand;</li>
 *   <li>{@code orphan_watch_overdue}: a create whose outcome was uncertain, for a booking that
 *       failed, past its {@code orphan-watch-minutes} without Cal.com answering whether it holds
 *       the booking (down, throttled, or refusing the API key for good), by more than a
 *       minute; looked up again once a minute until it does.</li>
 *   <li>{@code host_mismatch}: a booking whose host in Cal.com (told to booking-service by
 *       reconciliation, BOOKING_HOST_CHANGED) booking-service has not followed for 15 minutes,
 *       e.g. because Cal.com gave it a member booked here then; the caller and availability go
 *       by the member held here. Told again each round for the first 15 minutes, then hourly; settled when the appointment
 *       has ended, when booking-service follows, or by
 *       staff giving the booking back in Cal.com (seen by the next reconciliation round, which
 *       finds them agreeing).</li>
 * </ul>
 */
@Component
public class UnresolvedRows {
    /** The gauge's name. */
    public static final String METRIC = "calendar.sync.unresolved";
    private final JdbcTemplate jdbc;

    public UnresolvedRows(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        register(meters, "compensation_failed");
        register(meters, "orphan_watch_overdue");
        register(meters, "host_mismatch");
    }

    /**
     * The number of rows of {@code kind} (see the class comment) of tenant {@code tenantId}, or
     * of all tenants when it is null.
     *
     * @throws IllegalArgumentException for another kind
     */
    public long count(String kind, String tenantId) {
        String where = switch (kind) {
            case "compensation_failed" -> "state = 'COMPENSATION_FAILED'";
            // a minute's grace: a watch that just ended waits up to 5 s for its last look-up
            case "orphan_watch_overdue" -> "state = 'ORPHAN_WATCH' and watch_until < now() - interval '1 minute'";
            // an appointment that has ended no longer matters (nor is it listed by reconciliation any more)
            case "host_mismatch" -> "state = 'CREATED' and host_reported is not null and staff_id is distinct from host_reported "
                    + "and host_reported_at < now() - interval '15 minutes' and ends_at > now()";
            default -> throw new IllegalArgumentException("no such kind: " + kind);
        };
        Long n = jdbc.queryForObject("select count(*) from sync_booking where " + where
                + " and (cast(? as text) is null or tenant_id = ?)", Long.class, tenantId, tenantId);
        return n == null ? 0 : n;
    }

    private void register(MeterRegistry meters, String kind) {
        Gauge.builder(METRIC, this, rows -> rows.count(kind, null)).tag("kind", kind)
                .description("bookings whose calendar side needs an operator").register(meters);
    }
}
