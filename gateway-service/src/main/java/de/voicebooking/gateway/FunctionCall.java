package de.voicebooking.gateway;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.regex.Pattern;

import de.voicebooking.gateway.domain.DateQuestions;
import de.voicebooking.gateway.domain.GermanDateParser;
import de.voicebooking.gateway.domain.SpokenAnswers;
import de.voicebooking.gateway.domain.TenantFacts;
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
    /** Something of a phone number: a digit, "plus", or a German number word ("null eins sieben …"). */
    private static final Pattern NUMBER_SAID = Pattern.compile("\\d|(?iu)\\b(?:null|eins|zwei|zwo|drei|vier|fünf|fuenf|sechs|sieben|acht|neun"
            + "|zehn|elf|zwölf|zwoelf|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|plus)");

    /**
     * {@code fromNumber}: the caller's number as E.164 (retell.md §3.4 {@code from_number}), or null
     * when it is missing or no possible number (a withheld number such as "anonymous"), so callers
     * without a number never share one key for their appointments.
     */
    public FunctionCall {
        fromNumber = fromNumber == null ? null : PhoneNumbers.possibleE164(fromNumber, PHONE_REGION).orElse(null);
    }

    /**
     * The {@code phone} argument, or null when it is absent or holds no number at all: an LLM
     * writes "dieselbe Nummer", "unbekannt" or "n/a" where the caller gave none, and the caller's
     * own number ({@code call.from_number}) is meant then.
     */
    public String phoneArg() {
        String v = arg("phone");
        return v != null && NUMBER_SAID.matcher(v).find() ? v : null;
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

    /** Today in the tenant's zone. */
    public LocalDate today() {
        return LocalDate.now(tenant.zone());
    }

    /** The questions about days and times, relative to today in the tenant's zone. */
    public DateQuestions dates() {
        return new DateQuestions(today());
    }

    /** The sentences for this call's tenant: its zone, today, and what its manifest says ({@link TenantFacts#of}). */
    public SpokenAnswers speech() {
        return new SpokenAnswers(tenant.zone(), today(), TenantFacts.of(tenant));
    }

    /** Parses arguments {@code dateArg} and {@code timeArg} as {@link #whenSaid} does. */
    public GermanDateParser.Result when(String dateArg, String timeArg) {
        return whenSaid(arg(dateArg), arg(timeArg));
    }

    /** Parses a day and a time as said (either may be null), relative to now in the tenant's zone and opening hours. */
    public GermanDateParser.Result whenSaid(String dateText, String timeText) {
        return GermanDateParser.parseArguments(dateText, timeText, ZonedDateTime.now(tenant.zone()), new TenantOpeningHours(tenant));
    }
}
