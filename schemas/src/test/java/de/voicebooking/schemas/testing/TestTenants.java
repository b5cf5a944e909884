package de.voicebooking.schemas.testing;

import java.util.List;
import java.util.Map;

import de.voicebooking.avro.CalcomSettings;
import de.voicebooking.avro.Policies;
import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.avro.TenantConfig;

/** A small salon tenant for tests: open every day 08:00-20:00, Berlin time. */
public final class TestTenants {
    public static final long HERRENSCHNITT_EVENT_TYPE = 1001;
    public static final long DAMENSCHNITT_EVENT_TYPE = 1002;
    /** Lisa's own event type for Herrenschnitt (staffEventTypeIds): bookings for her by name go there. */
    public static final long HERRENSCHNITT_LISA_EVENT_TYPE = 1011;

    /** @param tenantId a unique id per test, so tests never see each other's data */
    public static TenantConfig salon(String tenantId, String phoneNumber) {
        Map<String, String> hours = new java.util.HashMap<>();
        for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            hours.put(d, "08:00-20:00");
        }
        return TenantConfig.newBuilder()
                .setTenantId(tenantId).setName("Salon Test").setTimeZone("Europe/Berlin")
                .setPhoneNumbers(List.of(phoneNumber)).setAgentIds(List.of())
                .setCalcom(new CalcomSettings(null, null))
                .setPolicies(new Policies(15, 24, 12, 5))
                .setHours(hours)
                .setStaff(List.of(new StaffMember("max", "Max Weber", null), new StaffMember("lisa", "Lisa Müller", null)))
                .setServices(List.of(
                        new ServiceOffering("herrenschnitt", "Herrenschnitt", List.of("Männerhaarschnitt"), "Haarschnitt", 30, 2500,
                                HERRENSCHNITT_EVENT_TYPE, List.of("max", "lisa"), false, Map.of("lisa", HERRENSCHNITT_LISA_EVENT_TYPE), null),
                        new ServiceOffering("damenschnitt", "Damenschnitt", List.of("Damenhaarschnitt"), "Haarschnitt", 45, 4500,
                                DAMENSCHNITT_EVENT_TYPE, List.of("lisa"), false, Map.of(), "für einen Damenschnitt")))
                .build();
    }

    private TestTenants() {
    }
}
