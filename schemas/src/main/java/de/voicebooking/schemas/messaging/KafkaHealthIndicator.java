package de.voicebooking.schemas.messaging;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the Kafka connection (DESIGN §10): UP when the broker answers a describe-cluster
 * request within {@link #TIMEOUT_MS} ms, with the cluster id and the number of brokers; DOWN
 * with the error otherwise. Its admin client is created on the first check and kept.
 */
public class KafkaHealthIndicator implements HealthIndicator, AutoCloseable {
    /** How long one check waits for the broker, in ms. */
    static final int TIMEOUT_MS = 2000;
    private final Map<String, Object> adminConfig;
    private Admin admin;

    /** @param adminConfig admin client properties (at least {@code bootstrap.servers}) */
    public KafkaHealthIndicator(Map<String, Object> adminConfig) {
        this.adminConfig = adminConfig;
    }

    @Override
    public Health health() {
        try {
            DescribeClusterResult c = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
            return Health.up().withDetail("clusterId", c.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .withDetail("brokers", c.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } catch (Exception e) {
            return Health.down().withDetail("error", e.toString()).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
