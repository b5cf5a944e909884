package de.voicebooking.schemas.testing;

import java.time.Duration;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Helpers for component tests of one service against the real broker and database. */
public final class ComponentTestSupport {

    /**
     * Spring properties for a component test: the database {@code <db>_test}, a fresh consumer
     * group that starts at the end of each topic, fast outbox polling.
     */
    public static String[] properties(String db) {
        String host = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
        return new String[]{
                "spring.datasource.url=jdbc:postgresql://" + host + ":5432/" + db + "_test",
                "spring.kafka.bootstrap-servers=" + KafkaTestClient.BOOTSTRAP,
                "voicebooking.schema-registry.url=" + KafkaTestClient.REGISTRY,
                "spring.kafka.consumer.group-id=ct-" + db + "-" + java.util.UUID.randomUUID(),
                "spring.kafka.consumer.auto-offset-reset=latest",
                "voicebooking.outbox.poll-ms=100",
                "server.port=0"};
    }

    /** Registers {@link #properties(String)} with a test's dynamic property registry. */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry, String db) {
        for (String p : properties(db)) {
            int eq = p.indexOf('=');
            registry.add(p.substring(0, eq), () -> p.substring(eq + 1));
        }
    }

    /**
     * Waits for the service's listeners, publishes {@link TestTenants#salon} as {@code tenantId}
     * and waits until the service knows it.
     */
    public static void applyTenant(KafkaListenerEndpointRegistry registry, KafkaTestClient kafka,
                                   de.voicebooking.schemas.tenant.TenantDirectory tenants, String tenantId) throws InterruptedException {
        awaitAssignment(registry, Duration.ofSeconds(15));
        kafka.publish(de.voicebooking.schemas.Topics.TENANT_CONFIG, tenantId,
                TestTenants.salon(tenantId, "+4930" + Math.abs(tenantId.hashCode())), tenantId);
        awaitTrue(() -> tenants.get(tenantId).isPresent(), Duration.ofSeconds(15), "tenant config of " + tenantId);
    }

    /** Blocks until every listener container has partitions assigned. */
    public static void awaitAssignment(KafkaListenerEndpointRegistry registry, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (MessageListenerContainer c : registry.getListenerContainers()) {
            while (c.getAssignedPartitions() == null || c.getAssignedPartitions().isEmpty()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("listener " + c.getListenerId() + " got no partitions");
                }
                Thread.sleep(50);
            }
        }
    }

    /** Polls {@code condition} every 50 ms until true; AssertionError after {@code timeout}. */
    public static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private ComponentTestSupport() {
    }
}
