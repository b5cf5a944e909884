package de.voicebooking.schemas.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.avro.TenantConfig;
import de.voicebooking.schemas.SerdeSettings;
import de.voicebooking.schemas.testing.TestTenants;

class TenantCatalogTest {
    @BeforeAll
    static void trust() { // copying a config builds generated classes, which Avro decodes only when trusted (alone, no other test did it)
        SerdeSettings.trustAvroPackages();
    }

    private final TenantCatalog salon = new TenantCatalog(TestTenants.salon("t1", "+4930111"));

    private String staff(String said) {
        StaffMember m = salon.staffWish(said).member();
        return m == null ? null : m.getId();
    }

    @Test
    void findsServicesByIdNameOrSynonymIgnoringCaseUmlautsAndSpaces() {
        assertThat(salon.service("herrenschnitt").map(ServiceOffering::getId)).contains("herrenschnitt");
        assertThat(salon.service("  DAMEN schnitt ").map(ServiceOffering::getId)).contains("damenschnitt");
        assertThat(salon.service("Maennerhaarschnitt").map(ServiceOffering::getId)).contains("herrenschnitt");
        assertThat(salon.service("Männer-Haarschnitt").map(ServiceOffering::getId)).contains("herrenschnitt");
        assertThat(salon.service("Färben")).isEmpty();
        assertThat(salon.service("")).isEmpty();
        assertThat(salon.service(null)).isEmpty();
    }

    @Test
    void aMemberTheCallerAskedForIsBookedOnTheirOwnEventTypeWhereTheManifestNamesOne() {
        ServiceOffering herren = salon.serviceById("herrenschnitt").orElseThrow();
        assertThat(TenantCatalog.bookingEventType(herren, "lisa", true)).isEqualTo(TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE);
        assertThat(TenantCatalog.bookingEventType(herren, "lisa", false)).as("not asked for: the round robin decides")
                .isEqualTo(TestTenants.HERRENSCHNITT_EVENT_TYPE);
        assertThat(TenantCatalog.bookingEventType(herren, "max", true)).as("no own event type").isEqualTo(TestTenants.HERRENSCHNITT_EVENT_TYPE);
        assertThat(TenantCatalog.bookingEventType(herren, null, true)).isEqualTo(TestTenants.HERRENSCHNITT_EVENT_TYPE);
        // only a member with an own event type, or a service's only member, is certain to keep the booking
        assertThat(TenantCatalog.keepsMember(herren, "lisa")).isTrue();
        assertThat(TenantCatalog.keepsMember(herren, "max")).as("the round robin may give it to Lisa").isFalse();
        assertThat(TenantCatalog.keepsMember(salon.serviceById("damenschnitt").orElseThrow(), "lisa")).as("the only member").isTrue();
    }

    @Test
    void aStaffMembersEventTypeBelongsToItsServiceAndABookingOnItChangesEveryServiceOfThatMember() {
        assertThat(salon.servicesOfEventType(TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE)).extracting(ServiceOffering::getId)
                .containsExactly("herrenschnitt");
        assertThat(salon.relatedEventTypes(TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE, "lisa")).containsExactly(
                TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE, TestTenants.HERRENSCHNITT_EVENT_TYPE, TestTenants.DAMENSCHNITT_EVENT_TYPE);
        assertThat(salon.relatedEventTypes(4711, "lisa")).isEmpty();
    }

    @Test
    void aBookingChangeAffectsEveryServiceItsHostOffersAndWithTheHostUnknownThoseOfEveryMemberOfItsService() {
        // Max offers only Herrenschnitt, without an own event type: his booking changes nothing else
        assertThat(salon.relatedEventTypes(TestTenants.HERRENSCHNITT_EVENT_TYPE, "max")).containsExactly(TestTenants.HERRENSCHNITT_EVENT_TYPE);
        // Lisa's Damenschnitt takes her time in Herrenschnitt too: its round robin and her own event type there
        assertThat(salon.relatedEventTypes(TestTenants.DAMENSCHNITT_EVENT_TYPE, "lisa")).containsExactly(
                TestTenants.DAMENSCHNITT_EVENT_TYPE, TestTenants.HERRENSCHNITT_EVENT_TYPE, TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE);
        // unknown host of a Herrenschnitt: Max or Lisa, so Lisa's other service as well
        assertThat(salon.relatedEventTypes(TestTenants.HERRENSCHNITT_EVENT_TYPE, null)).containsExactly(
                TestTenants.HERRENSCHNITT_EVENT_TYPE, TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE, TestTenants.DAMENSCHNITT_EVENT_TYPE);
        assertThat(salon.relatedEventTypes(TestTenants.HERRENSCHNITT_EVENT_TYPE, "someone-else")).as("a stranger is an unknown host")
                .containsExactly(TestTenants.HERRENSCHNITT_EVENT_TYPE, TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE, TestTenants.DAMENSCHNITT_EVENT_TYPE);
        assertThat(salon.eventTypeIds()).containsExactly(TestTenants.HERRENSCHNITT_EVENT_TYPE, TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE,
                TestTenants.DAMENSCHNITT_EVENT_TYPE);
    }

    @Test
    void aSynonymTwoServicesShareResolvesToNeitherAndIsAskedBackAmongThem() {
        var config = TestTenants.salon("t-shared", "+4930111");
        config.getServices().forEach(s -> s.setSynonyms(java.util.List.of("Haare schneiden")));
        TenantCatalog c = new TenantCatalog(config);
        assertThat(c.service("Haare schneiden")).isEmpty();
        assertThat(c.chosen(c.matchService("Haare schneiden lassen"))).isEmpty();
        var asked = c.matchService("Haare schneiden");
        assertThat(asked.outcome()).isEqualTo(ServiceMatcher.Outcome.AMBIGUOUS);
        assertThat(asked.candidates()).extracting(ServiceMatcher.Scored::id).containsExactly("herrenschnitt", "damenschnitt");
        assertThat(c.chosen(c.matchService("Damenschnitt")).map(ServiceOffering::getId)).contains("damenschnitt");
    }

    @Test
    void resolvesWhatACallerSaidToOneServiceOrNone() {
        assertThat(salon.chosen(salon.matchService("Herrenschnitt")).map(ServiceOffering::getId)).contains("herrenschnitt");
        assertThat(salon.chosen(salon.matchService("einen Damenschnitt bitte")).map(ServiceOffering::getId)).contains("damenschnitt");
        assertThat(salon.chosen(salon.matchService("Damenschnit")).map(ServiceOffering::getId)).contains("damenschnitt"); // mis-heard
        assertThat(salon.chosen(salon.matchService("Zahnreinigung"))).isEmpty();
        assertThat(salon.chosen(salon.matchService(" "))).isEmpty();
    }

    @Test
    void findsStaffByIdFullFirstOrLastNameAsCallersSayIt() {
        assertThat(staff("Lisa")).isEqualTo("lisa");
        assertThat(staff("lisa müller")).isEqualTo("lisa");
        assertThat(staff("MAX")).isEqualTo("max");
        assertThat(staff("bei Frau Müller")).isEqualTo("lisa");
        assertThat(staff("Herrn Weber")).isEqualTo("max");
        assertThat(staff("Liesa")).as("as the speech recogniser spelt it").isEqualTo("lisa");
        assertThat(staff("Frau Schneider")).isNull();
        assertThat(salon.staffWish("egal").outcome()).isEqualTo(StaffMatcher.Outcome.ANYONE);
        // "Max Müller" names two people; for Damenschnitt only Lisa of them offers it
        ServiceOffering damen = salon.serviceById("damenschnitt").orElseThrow();
        assertThat(salon.staffWish("Max Müller").outcome()).isEqualTo(StaffMatcher.Outcome.AMBIGUOUS);
        assertThat(salon.staffWish("Max Müller", damen).member().getId()).isEqualTo("lisa");
    }

    @Test
    void aStaffWishThatCannotBeMetSaysWhyAndWhoToOfferInstead() {
        ServiceOffering damen = salon.serviceById("damenschnitt").orElseThrow();
        ServiceOffering herren = salon.serviceById("herrenschnitt").orElseThrow();
        assertThat(salon.staffRefusal(salon.staffWish("Max", damen), damen))
                .contains(new TenantCatalog.StaffRefusal("staff_does_not_offer_service", "Max Weber", List.of("Lisa Müller")));
        assertThat(salon.staffRefusal(salon.staffWish("Frau Schneider", damen), damen))
                .contains(new TenantCatalog.StaffRefusal("unknown_staff", null, List.of("Lisa Müller")));
        assertThat(salon.staffRefusal(salon.staffWish("Max Müller", herren), herren))
                .contains(new TenantCatalog.StaffRefusal("ambiguous_staff", null, List.of("Max Weber", "Lisa Müller")));
        assertThat(salon.staffRefusal(salon.staffWish("Lisa", damen), damen)).isEmpty();
        assertThat(salon.staffRefusal(salon.staffWish("egal", damen), damen)).isEmpty();
        assertThat(salon.staffNames(salon.serviceById("herrenschnitt").orElseThrow())).containsExactly("Max Weber", "Lisa Müller");
        assertThat(salon.staffById("max").map(StaffMember::getName)).contains("Max Weber");
        assertThat(salon.serviceById("damenschnitt").map(ServiceOffering::getDurationMinutes)).contains(45);
    }

    @Test
    void findsTheStaffMemberWhoIsACalcomUser() {
        TenantConfig base = TestTenants.salon("t3", "+4930333");
        TenantCatalog c = new TenantCatalog(TenantConfig.newBuilder(base)
                .setStaff(java.util.List.of(new StaffMember("max", "Max Weber", null), new StaffMember("lisa", "Lisa Müller", "lisa-mueller")))
                .build());
        assertThat(c.staffByCalcomUsername("lisa-mueller").map(StaffMember::getId)).contains("lisa");
        assertThat(c.staffByCalcomUsername("max").map(StaffMember::getId)).contains("max"); // no username configured: the id
        assertThat(c.staffByCalcomUsername("lisa")).isEmpty(); // Lisa is lisa-mueller in Cal.com
        assertThat(c.staffByCalcomUsername("salon-owner")).isEmpty();
        assertThat(c.staffByCalcomUsername(null)).isEmpty();
    }

    @Test
    void openingHoursPerDayAndClosedDaysAndMalformedValues() {
        Map<String, String> hours = new HashMap<>(Map.of("mon", "09:00 - 18:00", "tue", "9-18", "wed", " "));
        TenantCatalog c = new TenantCatalog(TenantConfig.newBuilder(TestTenants.salon("t3", "+4930333")).setHours(hours).build());
        LocalDate monday = LocalDate.of(2026, 11, 23);
        assertThat(c.hours(monday)).contains(new TenantCatalog.Hours(LocalTime.of(9, 0), LocalTime.of(18, 0)));
        assertThatThrownBy(() -> c.hours(monday.plusDays(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9-18");
        assertThat(c.hours(monday.plusDays(2))).isEmpty();
        assertThat(c.hours(monday.plusDays(6))).isEmpty();
        assertThat(c.zone().getId()).isEqualTo("Europe/Berlin");
    }

    @Test
    void aDaysSpecialHoursWinOverItsWeekdaysAClosedHolidayIsClosedAndOtherDaysKeepTheirWeekday() {
        Map<String, String> special = new HashMap<>(Map.of("2026-12-24", "09:00-13:00", "2026-12-25", "closed", "2026-12-26", " Closed ",
                "2026-12-31", "9-14", "Silvester", "10:00-12:00"));
        TenantCatalog c = new TenantCatalog(TenantConfig.newBuilder(TestTenants.salon("t4", "+4930444")).setSpecialHours(special).build());
        assertThat(c.hours(LocalDate.of(2026, 12, 24))).as("a short day").contains(new TenantCatalog.Hours(LocalTime.of(9, 0), LocalTime.of(13, 0)));
        assertThat(c.hours(LocalDate.of(2026, 12, 25))).as("a holiday closed").isEmpty();
        assertThat(c.hours(LocalDate.of(2026, 12, 26))).isEmpty();
        assertThat(c.hours(LocalDate.of(2026, 12, 23))).as("the weekday's hours").contains(new TenantCatalog.Hours(LocalTime.of(8, 0), LocalTime.of(20, 0)));
        assertThatThrownBy(() -> c.hours(LocalDate.of(2026, 12, 31))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9-14");
        assertThat(new TenantCatalog(TenantConfig.newBuilder(TestTenants.salon("t5", "+4930555")).build()).hours(LocalDate.of(2026, 12, 25)))
                .as("no specialHours (a config of an older manifest)").isPresent();
    }
}
