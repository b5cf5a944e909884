package de.voicebooking.calendarsync;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.SlotRefreshRequest;
import de.voicebooking.schemas.Topics;

/**
 * availability-service's requests to refresh snapshots now ({@code calendar.requests}, DESIGN §6).
 * A request is a hint and refreshing twice is harmless, so there is no inbox.
 */
@Component
public class SlotRefreshListener {
    private final SlotRefresher refresher;

    public SlotRefreshListener(SlotRefresher refresher) {
        this.refresher = refresher;
    }

    @KafkaListener(topics = Topics.CALENDAR_REQUESTS)
    public void onRefreshRequest(ConsumerRecord<String, SlotRefreshRequest> record) {
        SlotRefreshRequest r = record.value();
        refresher.refreshRange(r.getTenantId(), r.getEventTypeId(), r.getFrom(), r.getDays(), r.getUrgent());
    }
}
