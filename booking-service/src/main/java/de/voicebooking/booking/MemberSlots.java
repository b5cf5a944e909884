package de.voicebooking.booking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.SlotSnapshot;
import de.voicebooking.booking.domain.HoldCandidates;
import de.voicebooking.schemas.Topics;

/**
 * The members' own Cal.com slots, for ordering hold candidates ({@link HoldCandidates}): keeps
 * every {@code calendar.slots} snapshot (table {@code slot_snapshot}, the newest fetch per tenant,
 * event type and tenant-local day; idempotent, so replay is safe; past days deleted hourly) and reads those of a service's
 * members' own event types ({@code staffEventTypeIds}) that are at most {@code
 * member-slots-max-age-minutes} (default 15, as availability's freshness bound) old.
 */
@Component
public class MemberSlots {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration maxAge;

    public MemberSlots(JdbcTemplate jdbc, Clock clock,
                       @Value("${voicebooking.booking.member-slots-max-age-minutes:15}") long maxAgeMinutes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxAge = Duration.ofMinutes(maxAgeMinutes);
    }

    /**
     * Stores a snapshot unless a newer one of that day is stored. A consumer group of its own
     * ({@code booking-service.member-slots}): this busy topic's rebalances and back-offs must not
     * hold up the group that answers callers' commands.
     */
    @KafkaListener(topics = Topics.CALENDAR_SLOTS, groupId = "${spring.application.name}.member-slots")
    public void onSnapshot(ConsumerRecord<String, SlotSnapshot> record) {
        SlotSnapshot s = record.value();
        if (s == null) {
            return; // a tombstone
        }
        jdbc.update("insert into slot_snapshot (tenant_id, event_type_id, day, starts, fetched_at) values (?,?,?,?,?) "
                        + "on conflict (tenant_id, event_type_id, day) do update set starts = excluded.starts, fetched_at = excluded.fetched_at "
                        + "where slot_snapshot.fetched_at <= excluded.fetched_at",
                s.getTenantId(), s.getEventTypeId(), s.getDate(), s.getStarts().toArray(String[]::new), Timestamp.from(s.getFetchedAt()));
    }

    /** Deletes the snapshots of days before yesterday (UTC), hourly: nobody books those any more. */
    @Scheduled(fixedDelayString = "${voicebooking.booking.member-slots-cleanup-ms:3600000}", initialDelay = 60000)
    public void forgetPastDays() {
        jdbc.update("delete from slot_snapshot where day < (now() at time zone 'UTC')::date - 1");
    }

    /**
     * Per member of {@code s} with an own event type, the free starts (HH:mm, tenant-local) of
     * {@code day} in its fresh snapshot; members without an own event type or a fresh snapshot
     * are absent.
     */
    public Map<String, List<String>> freshOwnStarts(String tenantId, ServiceOffering s, LocalDate day) {
        Map<Long, String> memberOf = new HashMap<>();
        s.getStaffEventTypeIds().forEach((member, eventType) -> memberOf.put(eventType, member));
        Map<String, List<String>> out = new HashMap<>();
        if (memberOf.isEmpty()) {
            return out;
        }
        jdbc.query("select event_type_id, starts from slot_snapshot where tenant_id = ? and day = ? and event_type_id = any(?) "
                        + "and fetched_at >= ?",
                rs -> {
                    out.put(memberOf.get(rs.getLong(1)), Arrays.asList((String[]) rs.getArray(2).getArray()));
                }, tenantId, day, memberOf.keySet().toArray(Long[]::new), Timestamp.from(clock.instant().minus(maxAge)));
        return out;
    }
}
