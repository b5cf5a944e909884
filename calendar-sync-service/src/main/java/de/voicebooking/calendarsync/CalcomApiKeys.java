package de.voicebooking.calendarsync;

import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.tenant.TenantDirectory;

/**
 * A tenant's Cal.com API key: the environment variable its manifest names
 * ({@code calcom.apiKeyEnv}, DESIGN §7), else {@code CALCOM_API_KEY}. Keys never live in the
 * repository or in Kafka.
 */
@Component
public class CalcomApiKeys {
    private final TenantDirectory tenants;
    private final String defaultKey;

    public CalcomApiKeys(TenantDirectory tenants, @Value("${voicebooking.calcom.api-key:}") String defaultKey) {
        this.tenants = tenants;
        this.defaultKey = defaultKey;
    }

    public String forTenant(String tenantId) {
        return tenants.get(tenantId).map(this::forTenant).orElse(defaultKey);
    }

    public String forTenant(TenantCatalog t) {
        return Optional.ofNullable(t.config().getCalcom().getApiKeyEnv()).map(System::getenv)
                .filter(k -> !k.isBlank()).orElse(defaultKey);
    }
}
