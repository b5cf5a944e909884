package de.voicebooking.calendarsync;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.BookingCancelRequested;
import de.voicebooking.avro.BookingConfirmationRequested;
import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.BookingExpired;
import de.voicebooking.avro.BookingRejected;
import de.voicebooking.avro.CustomerEvent;
import de.voicebooking.avro.CustomerLinked;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.InboxHandler;

/**
 * Saga step 4's inputs: the booking's details (BookingConfirmationRequested) and its customer
 * (CustomerLinked) may arrive in either order; when both are there the worker creates the
 * Cal.com booking. BookingRejected/Expired trigger compensation, BookingCancelRequested the
 * cancel. Recorded exactly once through the inbox; Cal.com itself is called by
 * {@link CalendarWorker}, never on the consumer thread.
 */
@Component
public class SagaListener {
    private final SyncRepository repo;
    private final InboxHandler inbox;
    private final CalendarWorker worker;

    public SagaListener(SyncRepository repo, InboxHandler inbox, CalendarWorker worker) {
        this.repo = repo;
        this.inbox = inbox;
        this.worker = worker;
    }

    @KafkaListener(topics = Topics.BOOKING_EVENTS)
    public void onBookingEvent(ConsumerRecord<String, BookingEvent> record) {
        BookingEvent e = record.value();
        Object p = e.getPayload();
        boolean ran = inbox.handle("calendar-sync.booking-events", record, ctx -> {
            if (p instanceof BookingConfirmationRequested r) {
                repo.details(e.getBookingId(), e.getTenantId(), r.getEventTypeId(), r.getStaffId(), r.getStart(), r.getEnd(),
                        r.getCustomerName(), r.getEmail(), r.getPhone());
            } else if (p instanceof BookingRejected || p instanceof BookingExpired) {
                repo.bookingFailed(e.getBookingId(), e.getTenantId());
            } else if (p instanceof BookingCancelRequested c) {
                repo.cancelRequested(e.getBookingId(), c.getCalcomUid());
            }
        });
        if (ran) {
            worker.kick();
        }
    }

    @KafkaListener(topics = Topics.CUSTOMER_EVENTS)
    public void onCustomerEvent(ConsumerRecord<String, CustomerEvent> record) {
        CustomerEvent e = record.value();
        if (e.getPayload() instanceof CustomerLinked l) {
            if (inbox.handle("calendar-sync.customer-events", record,
                    ctx -> repo.customerLinked(e.getBookingId(), e.getTenantId(), l.getName(), l.getEmail(), l.getPhoneE164()))) {
                worker.kick();
            }
        }
    }
}
