package de.voicebooking.calendarsync;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.BookingCancelRequested;
import de.voicebooking.avro.BookingConfirmationRequested;
import de.voicebooking.avro.BookingConfirmed;
import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.BookingExpired;
import de.voicebooking.avro.BookingRejected;
import de.voicebooking.avro.BookingRescheduleRequested;
import de.voicebooking.avro.CalendarBookingCancelled;
import de.voicebooking.avro.CalendarCancelFailed;
import de.voicebooking.avro.CalendarRescheduleFailed;
import de.voicebooking.avro.CustomerEvent;
import de.voicebooking.avro.CustomerLinked;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.InboxHandler;
import de.voicebooking.schemas.messaging.MessageContext;

/**
 * Saga step 4's inputs: the booking's details (BookingConfirmationRequested) and its customer
 * (CustomerLinked) may arrive in either order; when both are there the worker creates the
 * Cal.com booking. BookingRejected/Expired trigger compensation, BookingCancelRequested the
 * cancel, BookingRescheduleRequested the reschedule. Recorded exactly once through the inbox; Cal.com itself is called by
 * {@link CalendarWorker}, never on the consumer thread.
 */
@Component
public class SagaListener {
    private static final Logger log = LoggerFactory.getLogger(SagaListener.class);
    private final SyncRepository repo;
    private final InboxHandler inbox;
    private final CalendarWorker worker;
    private final CalendarOutcomes outcomes;

    public SagaListener(SyncRepository repo, InboxHandler inbox, CalendarWorker worker, CalendarOutcomes outcomes) {
        this.repo = repo;
        this.inbox = inbox;
        this.worker = worker;
        this.outcomes = outcomes;
    }

    @KafkaListener(topics = Topics.BOOKING_EVENTS)
    public void onBookingEvent(ConsumerRecord<String, BookingEvent> record) {
        BookingEvent e = record.value();
        Object p = e.getPayload();
        boolean ran = inbox.handle("calendar-sync.booking-events", record, ctx -> {
            if (p instanceof BookingConfirmed c && c.getStaffId() != null) {
                // the member booking-service holds the booking with: reconciliation tells it whenever Cal.com names another host
                repo.hostIs(e.getBookingId(), c.getStaffId());
            } else if (p instanceof BookingConfirmationRequested r) {
                repo.details(e.getBookingId(), e.getTenantId(), r.getEventTypeId(), r.getStaffId(), r.getStart(), r.getEnd(),
                        r.getCustomerName(), r.getEmail(), r.getPhone(), ctx);
            } else if (p instanceof BookingRejected || p instanceof BookingExpired) {
                repo.bookingFailed(e.getBookingId(), e.getTenantId(), ctx);
            } else if (p instanceof BookingCancelRequested c && !repo.cancelRequested(e.getBookingId(), c.getCalcomUid(), ctx)) {
                cannotStartCancel(e, c, ctx);
            } else if (p instanceof BookingRescheduleRequested m
                    && !repo.rescheduleRequested(e.getBookingId(), m.getCalcomUid(), m.getStart(), ctx)) {
                cannotStartReschedule(e, m, ctx);
            }
        });
        if (ran) {
            worker.kick();
        }
    }

    /**
     * A cancel for a booking whose calendar side is not CREATED still gets an outcome, so the
     * saga never waits forever: already cancelled in Cal.com → cancelled; a cancel under way →
     * its own outcome follows; anything else → CalendarCancelFailed {@code not_cancellable}.
     */
    private void cannotStartCancel(BookingEvent e, BookingCancelRequested c, MessageContext ctx) {
        String state = repo.lock(e.getBookingId()).map(SyncRepository.Row::state).orElse("MISSING");
        switch (state) {
            case "CANCEL_DUE" -> log.info("booking {}: cancel already under way", e.getBookingId());
            case "CANCELLED" -> outcomes.emit(e.getTenantId(), e.getBookingId(), ctx, new CalendarBookingCancelled(c.getCalcomUid()));
            default -> {
                log.warn("booking {}: cancel requested but its calendar side is {}", e.getBookingId(), state);
                outcomes.emit(e.getTenantId(), e.getBookingId(), ctx, new CalendarCancelFailed(c.getCalcomUid(), "not_cancellable"));
            }
        }
    }

    /**
     * A reschedule for a booking whose calendar side is not CREATED still gets an outcome:
     * cancelled in Cal.com meanwhile → {@code cancelled_in_calendar}; anything else (another
     * step under way) → {@code not_reschedulable}. The booking stays as it is.
     */
    private void cannotStartReschedule(BookingEvent e, BookingRescheduleRequested m, MessageContext ctx) {
        String state = repo.lock(e.getBookingId()).map(SyncRepository.Row::state).orElse("MISSING");
        log.warn("booking {}: reschedule requested but its calendar side is {}", e.getBookingId(), state);
        outcomes.emit(e.getTenantId(), e.getBookingId(), ctx, new CalendarRescheduleFailed(m.getCalcomUid(),
                "CANCELLED".equals(state) ? "cancelled_in_calendar" : "not_reschedulable", state));
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
