package de.voicebooking.availability;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.AvailabilityRequest;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.ListServicesQuery;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessagingAutoConfiguration;
import de.voicebooking.schemas.messaging.ReplyMessages;
import de.voicebooking.schemas.tenant.TenantDirectory;

/** Answers availability.requests (request-reply from the gateway). */
@Component
public class AvailabilityRequestListener {
    private final AvailabilityQueries queries;
    private final TenantDirectory tenants;

    public AvailabilityRequestListener(AvailabilityQueries queries, TenantDirectory tenants) {
        this.queries = queries;
        this.tenants = tenants;
    }

    @KafkaListener(topics = Topics.AVAILABILITY_REQUESTS, concurrency = "3",
            containerFactory = MessagingAutoConfiguration.REQUEST_REPLY_LISTENER_FACTORY)
    @SendTo
    public Message<FunctionReply> onRequest(ConsumerRecord<String, AvailabilityRequest> record) {
        return ReplyMessages.to(record, answer(record));
    }

    private FunctionReply answer(ConsumerRecord<String, AvailabilityRequest> record) {
        AvailabilityRequest r = record.value();
        var t = tenants.get(r.getTenantId());
        if (t.isEmpty()) {
            return new FunctionReply(new FailureResult("unknown_tenant", r.getTenantId()));
        }
        if (r.getPayload() instanceof ListServicesQuery q) {
            return new FunctionReply(queries.listServices(t.get(), q.getQuery()));
        }
        if (r.getPayload() instanceof CheckAvailabilityQuery q) {
            return new FunctionReply(queries.check(t.get(), q));
        }
        return new FunctionReply(new FailureResult("unsupported_request", null));
    }
}
