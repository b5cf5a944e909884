package de.voicebooking.infra.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.voicebooking.avro.TenantConfig;

class TenantManifestTest {
    static final Path DEMO = Path.of("tenants/salon-demo.yaml");

    @Test
    void theDemoSalonKeepsEveryMemberACallerAsksForByName() {
        TenantConfig demo = TenantManifest.read(DEMO);
        assertThat(demo.getServices()).hasSize(23);
        assertThat(TenantManifest.warnings(demo)).isEmpty();
    }

    @Test
    void aServiceWhoseMembersHaveNoOwnEventTypeIsNamedWithThem(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("salon.yaml");
        Files.writeString(m, """
                tenant: t1
                name: Salon
                staff:
                  - { id: max, name: Max }
                  - { id: tom, name: Tom }
                services:
                  - { id: bart, name: Bart trimmen, calcomEventTypeId: 1, staff: [max, tom], staffEventTypeIds: { max: 11 } }
                  - { id: rasur, name: Nassrasur, calcomEventTypeId: 2, staff: [tom] }
                """);
        assertThat(TenantManifest.warnings(TenantManifest.read(m))).singleElement().asString()
                .startsWith("service bart: no staffEventTypeIds for tom;");

        Files.writeString(m, """
                tenant: t1
                name: Salon
                staff: [{ id: max, name: Max }]
                services: [{ id: bart, name: Bart, calcomEventTypeId: 1, staff: [max], staffEventTypeIds: { tom: 12 } }]
                """);
        assertThatThrownBy(() -> TenantManifest.read(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names an event type for tom, who does not offer it");
    }

    /** A manifest with just what is required, for tests of one more field. */
    private static final String MINIMAL = """
            tenant: t1
            name: Salon
            hours: { thu: "09:00-18:00", fri: "09:00-18:00" }
            staff: [{ id: max, name: Max }]
            services: [{ id: bart, name: Bart, calcomEventTypeId: 1, staff: [max] }]
            """;

    @Test
    void specialHoursAreReadAndABadDayOrHoursAreRefused(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("salon.yaml");
        Files.writeString(m, MINIMAL + "specialHours: { 2026-12-24: \"09:00-13:00\", \"2026-12-25\": closed }\n");
        TenantConfig config = TenantManifest.read(m);
        assertThat(config.getSpecialHours()).containsEntry("2026-12-24", "09:00-13:00").containsEntry("2026-12-25", "closed");
        Files.writeString(m, MINIMAL + "specialHours: { Heiligabend: closed }\n");
        assertThatThrownBy(() -> TenantManifest.read(m)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is no day");
        Files.writeString(m, MINIMAL + "specialHours: { 2026-12-24: \"13:00-09:00\" }\n");
        assertThatThrownBy(() -> TenantManifest.read(m)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither");
    }

    @Test
    void phoneNumbersAreKeptInE164AsRetellSendsThemAndANonNumberIsRefused(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("salon.yaml");
        Files.writeString(m, MINIMAL + "phoneNumbers: [\"+49 30 555010\", \"030 555011\", \"+4930555012\"]\n");
        assertThat(TenantManifest.read(m).getPhoneNumbers()).containsExactly("+4930555010", "+4930555011", "+4930555012");
        Files.writeString(m, MINIMAL + "phoneNumbers: [\"Zentrale\"]\n");
        assertThatThrownBy(() -> TenantManifest.read(m)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is no phone number");
    }
}
