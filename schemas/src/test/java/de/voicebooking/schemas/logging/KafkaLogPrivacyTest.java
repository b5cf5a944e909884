package de.voicebooking.schemas.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.LoggingProducerListener;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class KafkaLogPrivacyTest {
    private static final ProducerRecord<String, Object> REQUEST = new ProducerRecord<>("booking.requests", 2, "6f1c-booking",
            "{\"customerName\": \"Erika Muster\", \"phone\": \"+4915112345678\"}");

    @Test
    void aProducerRecordIsLoggedAsTopicPartitionAndKeyOnly() {
        KafkaLogPrivacy.install();
        String shown = KafkaUtils.format(REQUEST);
        assertThat(shown).isEqualTo("booking.requests-2 key 6f1c-booking");
        assertThat(KafkaLogPrivacy.format(new ProducerRecord<>("t", "k", "v"))).isEqualTo("t-? key k");
    }

    @Test
    void aFailedSendIsLoggedWithoutTheValue() {
        Logger logger = (Logger) LoggerFactory.getLogger(LoggingProducerListener.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            new LoggingProducerListener<String, Object>().onError(REQUEST, null, new RuntimeException("broker gone"));
            assertThat(seen.list).as("spring-kafka's default logs the value").anyMatch(e -> e.getFormattedMessage().contains("+4915112345678"));
            seen.list.clear();
            KafkaLogPrivacy.<String, Object>producerListener().onError(REQUEST, null, new RuntimeException("broker gone"));
            assertThat(seen.list).hasSize(1);
            assertThat(seen.list.get(0).getFormattedMessage()).contains("booking.requests").doesNotContain("+4915112345678")
                    .doesNotContain("Erika");
        } finally {
            logger.detachAppender(seen);
        }
    }
}
