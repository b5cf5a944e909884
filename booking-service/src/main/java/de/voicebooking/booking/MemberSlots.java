package de.voicebooking.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import de.voicebooking.schemas.slots.SlotSnapshots;

/**
 * The members' own Cal.com slots, for ordering hold candidates ({@link HoldCandidates}): keeps
 * every {@code calendar.slots} snapshot ({@link SlotSnapshots}, table {@code slot_snapshot};
 * past days deleted hourly) and reads those of a service's members' own event types
 * ({@code staffEventTypeIds}) that are at most {@code member-slots-max-age-minutes} (default 15,
 * as availability's freshness bound) old.
 */
@Component
public class MemberSlots {
    private final SlotSnapshots snapshots;
    private final Clock clock;
    private final Duration maxAge;

    public MemberSlots(JdbcTemplate jdbc, Clock clock,
                       @Value("${voicebooking.booking.member-slots-max-age-minutes:15}") long maxAgeMinutes) {
        this.snapshots = new SlotSnapshots(jdbc);
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
        if (record.value() != null) { // null: a tombstone
            snapshots.upsert(record.value());
        }
    }

    /** Deletes the snapshots of days before yesterday (UTC), hourly: nobody books those any more. */
    @Scheduled(fixedDelayString = "${voicebooking.booking.member-slots-cleanup-ms:3600000}", initialDelay = 60000)
    public void forgetPastDays() {
        snapshots.forgetPastDays();
    }

    /**
     * Per member of {@code s} with an own event type, the free starts (HH:mm, tenant-local) of
     * {@code day} in its fresh snapshot; members without an own event type or a fresh snapshot
     * are absent.
     */
    public Map<String, List<String>> freshOwnStarts(String tenantId, ServiceOffering s, LocalDate day) {
        Map<String, List<String>> out = new HashMap<>();
        if (s.getStaffEventTypeIds().isEmpty()) {
            return out;
        }
        Instant now = clock.instant();
        Map<Long, SlotSnapshots.Snapshot> stored = snapshots.read(tenantId, s.getStaffEventTypeIds().values(), day);
        s.getStaffEventTypeIds().forEach((member, eventType) -> {
            SlotSnapshots.Snapshot own = stored.get(eventType);
            if (own != null && own.freshAt(now, maxAge)) {
                out.put(member, own.starts());
            }
        });
        return out;
    }
}
