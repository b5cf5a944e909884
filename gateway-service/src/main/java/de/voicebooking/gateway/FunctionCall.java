package de.voicebooking.gateway;

import java.util.Map;
import java.util.regex.Pattern;

import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.phone.PhoneNumbers;
import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * One Retell function call as the gateway understood it: the function name, its arguments as
 * strings (retell.md §2.2 {@code args}), the call's ids and numbers (§3.4), the resolved tenant
 * and the tracing context of the request.
 */
public record FunctionCall(String name, Map<String, String> args, String callId, String fromNumber,
                           TenantCatalog tenant, MessageContext context) {
    /** Where a national number ("0151 …") is read (ISO 3166), as customer-service's {@code voicebooking.phone.default-region}. */
    static final String PHONE_REGION = "DE";
    private static final Pattern UNRESOLVED_VARIABLE = Pattern.compile("^\\{\\{.*}}$");

    /**
     * {@code fromNumber}: the caller's number as E.164 (retell.md §3.4 {@code from_number}), or null
     * when it is missing or no possible number (a withheld number such as "anonymous"), so callers
     * without a number never share one key for their appointments.
     */
    public FunctionCall {
        fromNumber = fromNumber == null ? null : PhoneNumbers.possibleE164(fromNumber, PHONE_REGION).orElse(null);
    }

    /**
     * An argument, trimmed; null when absent, blank, the word {@code null} or {@code undefined}
     * (as an LLM writes "no value") or an unresolved {@code {{variable}}} (retell.md §5.3).
     */
    public String arg(String key) {
        String v = args.get(key);
        if (v == null || v.isBlank() || UNRESOLVED_VARIABLE.matcher(v).matches()
                || v.trim().equalsIgnoreCase("null") || v.trim().equalsIgnoreCase("undefined")) {
            return null;
        }
        return v.trim();
    }
}
