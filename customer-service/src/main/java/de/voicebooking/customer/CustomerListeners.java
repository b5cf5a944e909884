package de.voicebooking.customer;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.BookingConfirmationRequested;
import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.CallbackResult;
import de.voicebooking.avro.CustomerEvent;
import de.voicebooking.avro.CustomerLinked;
import de.voicebooking.avro.CustomerRejected;
import de.voicebooking.avro.CustomerRequest;
import de.voicebooking.avro.CustomerResult;
import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.LookupCustomerQuery;
import de.voicebooking.avro.RequestCallbackCommand;
import de.voicebooking.schemas.phone.PhoneNumbers;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessagingAutoConfiguration;
import de.voicebooking.schemas.messaging.InboxHandler;
import de.voicebooking.schemas.messaging.Outbox;
import de.voicebooking.schemas.messaging.ReplyMessages;

/**
 * Saga step 3: on BookingConfirmationRequested, finds or creates the customer by E.164 phone
 * and emits CustomerLinked (or CustomerRejected for a number that is not valid). CustomerLinked's
 * {@code name} is the booking's attendee name for Cal.com, which may differ from the record's
 * ({@link de.voicebooking.customer.domain.CustomerNames}: a parent booking for a child from the household's number). Also answers
 * customer lookups for initialize_call and registers callback requests (request_callback,
 * {@link CallbackRepository}; staff read them through {@link CallbackEndpoint}); a request that
 * fails is answered as {@code FailureResult("unavailable")} at once.
 */
@Component
public class CustomerListeners {
    private static final Logger log = LoggerFactory.getLogger(CustomerListeners.class);
    private final CustomerRepository customers;
    private final CallbackRepository callbacks;
    private final InboxHandler inbox;
    private final Outbox outbox;
    private final String region;

    public CustomerListeners(CustomerRepository customers, CallbackRepository callbacks, InboxHandler inbox, Outbox outbox,
                             @Value("${voicebooking.phone.default-region:DE}") String region) {
        this.customers = customers;
        this.callbacks = callbacks;
        this.inbox = inbox;
        this.outbox = outbox;
        this.region = region;
    }

    @KafkaListener(topics = Topics.BOOKING_EVENTS)
    public void onBookingEvent(ConsumerRecord<String, BookingEvent> record) {
        BookingEvent e = record.value();
        if (!(e.getPayload() instanceof BookingConfirmationRequested req)) {
            return;
        }
        inbox.handle("customer.booking-events", record, ctx -> {
            var phone = PhoneNumbers.toE164(req.getPhone(), region);
            CustomerEvent out;
            if (phone.isEmpty()) {
                log.info("booking {}: no valid phone number, customer rejected", e.getBookingId());
                out = new CustomerEvent(e.getTenantId(), e.getBookingId(), Instant.now(), new CustomerRejected("invalid_phone"));
            } else {
                var linked = customers.link(e.getTenantId(), phone.get(), req.getCustomerName(), req.getEmail());
                var c = linked.customer();
                log.info("booking {}: customer {} linked ({})", e.getBookingId(), c.id(), PhoneNumbers.mask(phone.get()));
                out = new CustomerEvent(e.getTenantId(), e.getBookingId(), Instant.now(),
                        new CustomerLinked(c.id(), phone.get(), linked.attendeeName(), c.email()));
            }
            outbox.append(Topics.CUSTOMER_EVENTS, e.getBookingId(), out, ctx.next());
        });
    }

    @KafkaListener(topics = Topics.CUSTOMER_REQUESTS, containerFactory = MessagingAutoConfiguration.REQUEST_REPLY_LISTENER_FACTORY)
    @SendTo
    public Message<FunctionReply> onRequest(ConsumerRecord<String, CustomerRequest> record) {
        try {
            return ReplyMessages.to(record, answer(record));
        } catch (RuntimeException e) {
            // e.g. the database gone: the caller hears it now, and a callback not stored now is not stored later by a replay
            log.error("customer request failed", e);
            return ReplyMessages.to(record, new FunctionReply(new FailureResult("unavailable", null)));
        }
    }

    private FunctionReply answer(ConsumerRecord<String, CustomerRequest> record) {
        CustomerRequest r = record.value();
        if (r.getPayload() instanceof LookupCustomerQuery q) {
            return PhoneNumbers.toE164(q.getPhone(), region)
                    .flatMap(p -> customers.findByPhone(r.getTenantId(), p))
                    .map(c -> new FunctionReply(new CustomerResult(true, c.id(), c.name())))
                    .orElseGet(() -> new FunctionReply(new CustomerResult(false, null, null)));
        }
        if (r.getPayload() instanceof RequestCallbackCommand c) {
            return callback(r.getTenantId(), c);
        }
        return new FunctionReply(new CustomerResult(false, null, null));
    }

    /** request_callback: registered (one per call), or invalid_phone for a number libphonenumber does not accept. */
    private FunctionReply callback(String tenantId, RequestCallbackCommand c) {
        var phone = PhoneNumbers.toE164(c.getPhone(), region);
        if (phone.isEmpty()) {
            return new FunctionReply(new CallbackResult("invalid_phone", null, null));
        }
        String id = callbacks.register(tenantId, c.getCallId(), phone.get(), c.getOwnNumber(), blankToNull(c.getName()),
                blankToNull(c.getPreferredTime()), blankToNull(c.getReason()));
        log.info("callback request {} registered for {}", id, PhoneNumbers.mask(phone.get()));
        return new FunctionReply(new CallbackResult("registered", id, phone.get()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
