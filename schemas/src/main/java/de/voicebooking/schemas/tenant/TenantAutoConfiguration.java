package de.voicebooking.schemas.tenant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;

import de.voicebooking.avro.TenantConfig;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.AvroCodec;

/**
 * Keeps a {@link TenantDirectory} current in every service: reads {@code tenant.config} from
 * its beginning at every start (it is compacted and small) and, where the service has a
 * database, mirrors each tenant into table {@code tenant_config} and restores from it first.
 */
@AutoConfiguration(afterName = "de.voicebooking.schemas.messaging.MessagingAutoConfiguration")
public class TenantAutoConfiguration {

    @Bean
    TenantDirectory tenantDirectory(ObjectProvider<JdbcTemplate> jdbc) {
        JdbcTemplate j = jdbc.getIfAvailable();
        return j == null ? new TenantDirectory() : restore(j);
    }

    /**
     * A directory filled from the {@code tenant_config} mirror. A mirrored config this version
     * cannot read (stored as plain Avro under an older TenantConfig schema) is skipped and
     * logged: {@link TenantConfigListener} brings every tenant back from {@code tenant.config},
     * whose records the registry lets it read in any schema version.
     */
    public static TenantDirectory restore(JdbcTemplate jdbc) {
        TenantDirectory dir = new TenantDirectory();
        jdbc.query("select tenant_id, config from tenant_config", rs -> {
            try {
                dir.put(AvroCodec.decode(TenantConfig.class.getName(), rs.getBytes(2)));
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(TenantAutoConfiguration.class).warn(
                        "stored config of tenant {} is not readable by this version ({}); it comes back from {}",
                        rs.getString(1), e.toString(), Topics.TENANT_CONFIG);
            }
        });
        return dir;
    }

    @Bean
    TenantConfigListener tenantConfigListener(TenantDirectory directory, ObjectProvider<JdbcTemplate> jdbc) {
        return new TenantConfigListener(directory, jdbc.getIfAvailable());
    }

    /**
     * Applies tenant.config records; a null value (tombstone) removes the tenant. Reads every
     * partition of the topic from offset 0 at each start, by manual assignment rather than
     * group management: no rebalance, and no throw-away consumer group per start. Offsets are
     * committed under the stable group {@code <application>.tenant-config}, which has no
     * members and so accepts them from every instance; they are never read back.
     */
    public static class TenantConfigListener {
        private static final Logger log = LoggerFactory.getLogger(TenantConfigListener.class);
        private final TenantDirectory directory;
        private final JdbcTemplate jdbc;

        TenantConfigListener(TenantDirectory directory, JdbcTemplate jdbc) {
            this.directory = directory;
            this.jdbc = jdbc;
        }

        @KafkaListener(groupId = "${spring.application.name}.tenant-config",
                topicPartitions = @TopicPartition(topic = Topics.TENANT_CONFIG,
                        partitions = "#{T(de.voicebooking.schemas.Topics).partitionsOf('" + Topics.TENANT_CONFIG + "')}",
                        partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")),
                properties = "auto.offset.reset=earliest") // should offset 0 be gone, start at the oldest record kept
        public void onTenant(ConsumerRecord<String, TenantConfig> record) {
            TenantConfig config = record.value();
            if (config == null) {
                directory.remove(record.key());
                if (jdbc != null) {
                    jdbc.update("delete from tenant_config where tenant_id = ?", record.key());
                }
                directory.readUpTo(record.partition(), record.offset() + 1);
                return;
            }
            if (jdbc != null) {
                jdbc.update("insert into tenant_config(tenant_id, config, updated_at) values (?,?,now()) "
                        + "on conflict (tenant_id) do update set config = excluded.config, updated_at = now()",
                        config.getTenantId(), AvroCodec.encode(config));
            }
            directory.put(config);
            directory.readUpTo(record.partition(), record.offset() + 1);
            log.info("tenant {} applied ({} services, {} staff)", config.getTenantId(),
                    config.getServices().size(), config.getStaff().size());
        }
    }
}
