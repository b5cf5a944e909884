package de.voicebooking.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.TenantConfig;
import de.voicebooking.gateway.domain.GermanDateParser;
import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.testing.TestTenants;

class TenantOpeningHoursTest {
    /** Friday, 20 November 2026, 10:00 in Berlin. */
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 20, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"));

    final TenantOpeningHours hours;

    TenantOpeningHoursTest() {
        TenantConfig practice = TestTenants.salon("t-practice", "+4930555099");
        practice.setHours(Map.of("mon", "07:00-13:00", "tue", "07:00-13:00", "sat", "14:00-20:00", "sun", "kaputt"));
        hours = new TenantOpeningHours(new TenantCatalog(practice));
    }

    @Test
    void openFromOpeningUpToClosingOnThatWeekday() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        assertThat(hours.open(monday, LocalTime.of(7, 0))).isTrue();
        assertThat(hours.open(monday, LocalTime.of(12, 59))).isTrue();
        assertThat(hours.open(monday, LocalTime.of(13, 0))).isFalse();
        assertThat(hours.open(monday.plusDays(2), LocalTime.of(9, 0))).as("Wednesday: not in the manifest, closed").isFalse();
        assertThat(hours.open(monday.plusDays(6), LocalTime.of(3, 0))).as("Sunday: hours written badly count as open").isTrue();
        assertThat(hours.open(null, LocalTime.of(19, 0))).as("any day: Saturday evening").isTrue();
    }

    @Test
    void theParserReadsTheDialByTheTenantsHours() {
        assertThat(GermanDateParser.parse("Montag um sieben", NOW, hours).time()).isEqualTo(LocalTime.of(7, 0));
        assertThat(GermanDateParser.parse("Samstag um sieben", NOW, hours).time()).isEqualTo(LocalTime.of(19, 0));
        assertThat(GermanDateParser.parse("Samstag um drei", NOW, hours).time()).isEqualTo(LocalTime.of(15, 0));
        assertThat(GermanDateParser.parse("Dienstag um elf", NOW, hours).time()).isEqualTo(LocalTime.of(11, 0));
    }
}
