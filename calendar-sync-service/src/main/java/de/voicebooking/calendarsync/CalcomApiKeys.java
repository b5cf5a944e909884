package de.voicebooking.calendarsync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.tenant.TenantDirectory;

/**
 * A tenant's Cal.com API key: the environment variable its manifest names
 * ({@code calcom.apiKeyEnv}, DESIGN §7), else {@code CALCOM_API_KEY}. Keys never live in the
 * repository or in Kafka. A named variable that is unset falls back to {@code CALCOM_API_KEY}
 * and is logged as an error once per tenant and variable: with another account's key, Cal.com
 * still books (the event type decides) but lists only that key's bookings (calcom-api-v2.md
 * §4.4), so look-ups, orphan watch and reconciliation would not see the tenant's bookings.
 */
@Component
public class CalcomApiKeys {
    private static final Logger log = LoggerFactory.getLogger(CalcomApiKeys.class);
    private final TenantDirectory tenants;
    private final String defaultKey;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public CalcomApiKeys(TenantDirectory tenants, @Value("${voicebooking.calcom.api-key:}") String defaultKey) {
        this.tenants = tenants;
        this.defaultKey = defaultKey;
    }

    public String forTenant(String tenantId) {
        return tenants.get(tenantId).map(this::forTenant).orElse(defaultKey);
    }

    public String forTenant(TenantCatalog t) {
        String variable = t.config().getCalcom().getApiKeyEnv();
        if (variable == null || variable.isBlank()) {
            return defaultKey;
        }
        String key = System.getenv(variable);
        if (key != null && !key.isBlank()) {
            return key;
        }
        if (reported.add(t.tenantId() + "/" + variable)) {
            log.error("tenant {} names Cal.com key variable {}, which is not set: using CALCOM_API_KEY, whose look-ups may not see "
                    + "this tenant's bookings (set {})", t.tenantId(), variable, variable);
        }
        return defaultKey;
    }
}
