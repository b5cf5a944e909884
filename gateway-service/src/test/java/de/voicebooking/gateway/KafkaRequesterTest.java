package de.voicebooking.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.requestreply.RequestReplyFuture;

import de.voicebooking.avro.LookupCustomerQuery;
import de.voicebooking.schemas.messaging.MessageContext;

class KafkaRequesterTest {
    /** A template whose send fails at once, as KafkaTemplate's does when the broker is unreachable past max.block.ms. */
    static class BrokerGone extends ReplyingKafkaTemplate<String, Object, Object> {
        BrokerGone() {
            super(new DefaultKafkaProducerFactory<>(Map.of()), new KafkaMessageListenerContainer<>(
                    new DefaultKafkaConsumerFactoryStub(), new ContainerProperties("gateway.replies")));
        }

        @Override
        public RequestReplyFuture<String, Object, Object> sendAndReceive(ProducerRecord<String, Object> record, Duration timeout) {
            throw new KafkaException("Send failed", new TimeoutException("Topic booking.requests not present in metadata after 1000 ms."));
        }
    }

    static class DefaultKafkaConsumerFactoryStub extends org.springframework.kafka.core.DefaultKafkaConsumerFactory<String, Object> {
        DefaultKafkaConsumerFactoryStub() {
            super(Map.of());
        }
    }

    @Test
    void aRequestTheBrokerDidNotTakeGivesNoReplySoTheCallerHearsTheFallback() {
        KafkaRequester requester = new KafkaRequester(new BrokerGone());
        assertThat(requester.request("customer.requests", "k", new LookupCustomerQuery("+4915112345678"),
                MessageContext.root("t", null, null), Duration.ofMillis(500))).isEmpty();
    }
}
