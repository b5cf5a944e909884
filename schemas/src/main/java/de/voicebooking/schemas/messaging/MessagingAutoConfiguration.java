package de.voicebooking.schemas.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;

import de.voicebooking.schemas.MessageHeaderNames;
import de.voicebooking.schemas.SerdeSettings;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.logging.KafkaLogPrivacy;
import de.voicebooking.schemas.logging.LogContextRecordInterceptor;
import de.voicebooking.schemas.logging.PersonalData;

/**
 * What every service shares about Kafka: topic creation, Avro serde (see {@link SerdeSettings};
 * properties {@code voicebooking.serde.flavour} and {@code voicebooking.schema-registry.url}),
 * the dead-letter error handler, and, where the service has a database, the outbox relay and
 * inbox.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
public class MessagingAutoConfiguration {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    /** Bean name of the container factory for queries and replies ({@code containerFactory} of a listener). */
    public static final String REQUEST_REPLY_LISTENER_FACTORY = "requestReplyListenerFactory";

    /** spring-kafka's log lines show no record values (callers' personal data): {@link KafkaLogPrivacy}. */
    public MessagingAutoConfiguration() {
        KafkaLogPrivacy.install();
    }

    /**
     * Boot's producer listener (and any other {@link LoggingProducerListener} bean) logs a failed
     * send without the record's value ({@link KafkaLogPrivacy}).
     */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor producerListenersWithoutContents() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof LoggingProducerListener<?, ?> l ? KafkaLogPrivacy.withoutContents(l) : bean;
            }
        };
    }

    /** The UTC system clock the services' domain code reads; tests may declare their own. */
    @Bean
    @ConditionalOnMissingBean
    java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    /** Every topic as {@link Topics#all()} defines it, created at start if missing, with the broker's default replication factor. */
    @Bean
    KafkaAdmin.NewTopics voicebookingTopics() {
        NewTopic[] topics = Topics.all().stream().map(d -> {
            TopicBuilder b = TopicBuilder.name(d.name()).partitions(d.partitions());
            if (d.compacted()) {
                b.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            return b.build();
        }).toArray(NewTopic[]::new);
        return new KafkaAdmin.NewTopics(topics);
    }

    /** The service's one value serializer and deserializer (see {@link AvroValueSerdes}). */
    @Bean(destroyMethod = "close")
    AvroValueSerdes avroValueSerdes(@Value("${voicebooking.serde.flavour:apicurio}") String flavour,
                                    @Value("${voicebooking.schema-registry.url}") String registryUrl) {
        return new AvroValueSerdes(flavour, registryUrl);
    }

    /** Producers get the Avro settings and the shared, already configured value serializer. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer avroProducerCustomizer(
            @Value("${voicebooking.serde.flavour:apicurio}") String flavour,
            @Value("${voicebooking.schema-registry.url}") String registryUrl, AvroValueSerdes serdes) {
        return factory -> {
            factory.updateConfigs(SerdeSettings.producer(flavour, registryUrl));
            Serializer<Object> shared = serdes.serializer();
            @SuppressWarnings("unchecked")
            DefaultKafkaProducerFactory<Object, Object> f = (DefaultKafkaProducerFactory<Object, Object>) factory;
            f.setValueSerializerSupplier(() -> shared);
            f.setConfigureSerializers(false); // the key serializer comes from the configuration, configured by Kafka
        };
    }

    /**
     * Consumers get the Avro settings and the shared value deserializer behind Spring's
     * error-handling deserializer (an undecodable value reaches the error handler, then the
     * dead-letter topic, instead of stopping the consumer).
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer avroConsumerCustomizer(
            @Value("${voicebooking.serde.flavour:apicurio}") String flavour,
            @Value("${voicebooking.schema-registry.url}") String registryUrl, AvroValueSerdes serdes) {
        return factory -> {
            factory.updateConfigs(SerdeSettings.consumer(flavour, registryUrl));
            Deserializer<Object> shared = serdes.deserializer();
            @SuppressWarnings("unchecked")
            DefaultKafkaConsumerFactory<Object, Object> f = (DefaultKafkaConsumerFactory<Object, Object>) factory;
            f.setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(shared));
            f.setConfigureDeserializers(false);
        };
    }

    /** Primes serdes and the producer before the service reports ready (see {@link MessagingWarmup}). */
    @Bean
    MessagingWarmup messagingWarmup(AvroValueSerdes serdes, ObjectProvider<ProducerFactory<?, ?>> producers) {
        return new MessagingWarmup(serdes, producers.getIfAvailable());
    }

    /**
     * Listener containers for request-reply traffic: read-only queries ({@code
     * availability.requests}, {@code customer.requests}) and the gateway's reply topic. Losing or
     * repeating such a record on a restart is harmless (a query has no effect, a late reply
     * finds no waiting request), so offsets are committed asynchronously at most once a second
     * ({@code AckMode.TIME}) instead of a synchronous commit after every poll, which would add
     * a broker round trip and an offsets-log append to every call. A record that fails is not
     * retried but dead-lettered at once. Commands keep Boot's default container factory.
     */
    @Bean(REQUEST_REPLY_LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> requestReplyListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
            ConsumerAwareRecordRecoverer deadLetterRecoverer) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> f = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(f, consumerFactory);
        // no retry: the caller's answer is due within seconds, and a record retried for minutes would hold up every question
        // behind it on its partition; a record that fails goes to the dead-letter topic at once
        f.setCommonErrorHandler(new DefaultErrorHandler(deadLetterRecoverer, new FixedBackOff(0L, 0L)));
        ContainerProperties props = f.getContainerProperties();
        props.setAckMode(ContainerProperties.AckMode.TIME);
        props.setAckTime(1000);
        props.setSyncCommits(false);
        return f;
    }

    /** Counts and logs what goes to a dead-letter topic. */
    @Bean
    DeadLetters deadLetters(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
        return new DeadLetters(registry.getIfAvailable());
    }

    /**
     * Retries a failing record as {@link ListenerBackOff} says (a passing database failure for up
     * to 10 minutes, anything else twice 200 ms apart), then publishes it to {@code <topic>.DLT},
     * same partition, with the reason in headers ({@code dlt-reason}, masked, plus spring-kafka's
     * exception class headers; not its message or stack trace headers, which may quote personal
     * data), counted and logged ({@link DeadLetters}). Undeserializable values go
     * there as raw bytes.
     */
    @Bean
    CommonErrorHandler deadLetterErrorHandler(ConsumerAwareRecordRecoverer deadLetterRecoverer) {
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetterRecoverer, new FixedBackOff(200L, 2L));
        handler.setBackOffFunction((rec, ex) -> ListenerBackOff.forFailure(ex));
        return handler;
    }

    /** Publishes a record that failed for good to {@code <topic>.DLT} with its reason, counted ({@link #deadLetterErrorHandler}). */
    @Bean
    ConsumerAwareRecordRecoverer deadLetterRecoverer(KafkaProperties properties, DeadLetters deadLetters,
                                                    @Value("${voicebooking.serde.flavour:apicurio}") String flavour,
                                                    @Value("${voicebooking.schema-registry.url}") String registryUrl) {
        Map<String, Object> base = new java.util.HashMap<>(properties.buildProducerProperties());
        Map<String, Object> avro = new java.util.HashMap<>(base);
        avro.putAll(SerdeSettings.producer(flavour, registryUrl));
        Map<String, Object> raw = new java.util.HashMap<>(base);
        raw.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        raw.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        KafkaTemplate<String, byte[]> rawTemplate = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(raw));
        KafkaTemplate<Object, Object> avroTemplate = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(avro));
        rawTemplate.setProducerListener(KafkaLogPrivacy.producerListener());
        avroTemplate.setProducerListener(KafkaLogPrivacy.producerListener());
        templates.put(byte[].class, rawTemplate);
        templates.put(Object.class, avroTemplate);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates,
                (rec, ex) -> new TopicPartition(rec.topic() + Topics.DLT_SUFFIX, rec.partition()));
        recoverer.setHeadersFunction((rec, ex) -> {
            RecordHeaders h = new RecordHeaders();
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            h.add(MessageHeaderNames.DLT_REASON, PersonalData.masked(String.valueOf(cause)).getBytes(StandardCharsets.UTF_8));
            return h;
        });
        // the exception's message and stack trace may quote the record's personal data; dlt-reason keeps it masked
        recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_MSG,
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        return (rec, consumer, ex) -> {
            if (!ReplayTargetInterceptor.meantFor(rec, consumer)) {
                return; // sent back for another group (this one had it the first time), and not readable: not ours to dead-letter
            }
            recoverer.accept(rec, consumer, ex); // throws when the dead-letter topic did not take it: the record is then tried again
            try {
                deadLetters.sent(rec.topic(), rec.key(), "partition " + rec.partition() + " offset " + rec.offset(),
                        String.valueOf(ex.getCause() != null ? ex.getCause() : ex));
            } catch (RuntimeException e) { // it is on the dead-letter topic: never send it there twice
                log.warn("dead letter of {} not counted: {}", rec.topic(), e.toString());
            }
        };
    }

    /**
     * Skips a record sent back from a dead-letter topic in the groups it is not meant for
     * ({@link ReplayTargetInterceptor}), then puts each consumed record's context into the
     * logging MDC (Boot's container factories pick it up). Boot takes a single RecordInterceptor
     * bean: a service that declares its own must include both, or replays reach every group.
     */
    @Bean
    @ConditionalOnMissingBean(RecordInterceptor.class)
    RecordInterceptor<Object, Object> recordInterceptor() {
        return new CompositeRecordInterceptor<>(new ReplayTargetInterceptor(), new LogContextRecordInterceptor());
    }

    /** The {@code kafka} health contributor, part of the back-end services' readiness (voicebooking-defaults.yml). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class KafkaHealth {
        @Bean(name = "kafka", destroyMethod = "close")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties properties) {
            return new KafkaHealthIndicator(properties.buildAdminProperties());
        }
    }

    /** Outbox and inbox, for services that own a database. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(JdbcTemplate.class)
    static class Persistence {
        @Bean
        OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, Object> kafka,
                                KafkaAdmin admin, DeadLetters deadLetters,
                                ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry,
                                @Value("${voicebooking.outbox.poll-ms:500}") long pollMs) {
            OutboxRelay relay = new OutboxRelay(jdbc, tx, kafka, admin, deadLetters, pollMs);
            registry.ifAvailable(r -> OutboxMetrics.register(r, relay, java.time.Clock.systemUTC()));
            return relay;
        }

        @Bean
        Outbox outbox(JdbcTemplate jdbc, OutboxRelay relay, AvroValueSerdes serdes) {
            return new Outbox(jdbc, relay, serdes);
        }

        @Bean
        Inbox inbox(JdbcTemplate jdbc) {
            return new Inbox(jdbc);
        }

        @Bean
        InboxHandler inboxHandler(Inbox inbox, TransactionTemplate tx) {
            return new InboxHandler(inbox, tx);
        }

        @Bean
        InboxCleanup inboxCleanup(Inbox inbox, @Value("${voicebooking.inbox.retention-days:30}") long days, java.time.Clock clock) {
            return new InboxCleanup(inbox, java.time.Duration.ofDays(days), clock);
        }
    }
}
