package de.voicebooking.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.FunctionReply;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.logging.PersonalData;
import de.voicebooking.schemas.messaging.MessagingAutoConfiguration;
import de.voicebooking.schemas.messaging.MessageContext;

/**
 * Kafka request-reply for the gateway (DESIGN §4) with spring-kafka's
 * {@link ReplyingKafkaTemplate}: every instance reads the shared {@code gateway.replies} topic
 * with its own consumer group, so several gateways can run; replies are matched by
 * correlation id. Start-up waits for the reply assignment before the gateway reports ready.
 */
@Component
public class KafkaRequester {
    private static final Logger log = LoggerFactory.getLogger(KafkaRequester.class);
    private final ReplyingKafkaTemplate<String, Object, Object> template;

    public KafkaRequester(ReplyingKafkaTemplate<String, Object, Object> template) {
        this.template = template;
    }

    /**
     * Sends {@code value} to {@code topic} and waits up to {@code timeout} for the reply.
     *
     * @return the reply, or empty when the time budget ran out, the request could not be sent
     *         (broker unreachable) or the reply was not a FunctionReply
     */
    public Optional<FunctionReply> request(String topic, String key, SpecificRecord value, MessageContext ctx, Duration timeout) {
        ProducerRecord<String, Object> rec = new ProducerRecord<>(topic, key, value);
        ctx.writeTo(rec.headers());
        try {
            var future = template.sendAndReceive(rec, timeout);
            Object reply = future.get(timeout.toMillis() + 200, TimeUnit.MILLISECONDS).value();
            return reply instanceof FunctionReply r ? Optional.of(r) : Optional.empty();
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            log.warn("request to {} got no reply: {}", topic, e.getCause() == null ? e.toString() : e.getCause().toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (org.springframework.kafka.KafkaException | org.apache.kafka.common.KafkaException e) {
            // not sent at all, e.g. the broker unreachable past max.block.ms (KafkaTemplate throws "Send failed" then):
            // the caller hears the function's fallback sentence, as after a timeout
            log.warn("request to {} not sent: {}", topic, PersonalData.masked(String.valueOf(e.getCause() != null ? e.getCause() : e)));
            return Optional.empty();
        }
    }

    /** Reply container and template. */
    @Configuration(proxyBeanMethods = false)
    static class Config {
        @Bean
        @SuppressWarnings({"unchecked", "rawtypes"})
        ConcurrentMessageListenerContainer<String, Object> replyContainer(
                @Qualifier(MessagingAutoConfiguration.REQUEST_REPLY_LISTENER_FACTORY) ConcurrentKafkaListenerContainerFactory<Object, Object> factory,
                @Value("${spring.application.name}") String app) {
            ConcurrentMessageListenerContainer<String, Object> c = (ConcurrentMessageListenerContainer) factory.createContainer(Topics.GATEWAY_REPLIES);
            c.getContainerProperties().setGroupId(app + "-" + UUID.randomUUID()); // one group per instance
            // a new instance waits only for replies to its own requests: start at the end
            c.getContainerProperties().getKafkaConsumerProperties().setProperty("auto.offset.reset", "latest");
            c.setAutoStartup(false); // the template starts it
            return c;
        }

        @Bean
        ReplyingKafkaTemplate<String, Object, Object> replyingTemplate(ProducerFactory<String, Object> pf,
                                                                       ConcurrentMessageListenerContainer<String, Object> replies) {
            ReplyingKafkaTemplate<String, Object, Object> t = new ReplyingKafkaTemplate<>(pf, replies);
            t.setSharedReplyTopic(true);
            t.setProducerListener(de.voicebooking.schemas.logging.KafkaLogPrivacy.producerListener()); // requests carry personal data
            t.setDefaultReplyTimeout(Duration.ofSeconds(10));
            return t;
        }

        /**
         * Boot publishes readiness only after runners, so the gateway takes traffic once replies
         * can arrive. Without Kafka it waits for as long as it takes (a warning each minute) rather
         * than exit: alive, not ready, and a request that reaches it meanwhile hears its function's
         * fallback sentence; it becomes ready by itself when the broker is back.
         */
        @Bean
        ApplicationRunner awaitReplyAssignment(ReplyingKafkaTemplate<String, Object, Object> t) {
            return (ApplicationArguments args) -> {
                for (int minutes = 1; !t.waitForAssignment(Duration.ofSeconds(60)); minutes++) {
                    log.warn("no reply partitions assigned after {} min; not ready for traffic until Kafka answers", minutes);
                }
                log.info("reply topic assigned; ready for traffic");
            };
        }
    }
}
