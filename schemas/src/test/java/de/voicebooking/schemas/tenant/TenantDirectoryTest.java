package de.voicebooking.schemas.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import de.voicebooking.schemas.testing.TestTenants;

class TenantDirectoryTest {
    @Test
    void aNumberMovedToAnotherTenantStaysWithItWhenTheFormerOwnerIsAppliedAgain() {
        TenantDirectory tenants = new TenantDirectory();
        tenants.put(TestTenants.salon("a", "+4930111"));
        assertThat(tenants.forCall("+4930111", null).map(TenantCatalog::tenantId)).contains("a");
        // the number goes to tenant b, then a's new manifest no longer has it
        tenants.put(TestTenants.salon("b", "+4930111"));
        tenants.put(TestTenants.salon("a", "+4930222"));
        assertThat(tenants.forCall("+4930111", null).map(TenantCatalog::tenantId)).as("still b's").contains("b");
        assertThat(tenants.forCall("+4930222", null).map(TenantCatalog::tenantId)).contains("a");
        tenants.remove("a");
        assertThat(tenants.forCall("+4930111", null).map(TenantCatalog::tenantId)).contains("b");
        assertThat(tenants.forCall("+4930222", null)).isEmpty();
        tenants.put(TestTenants.salon("b", "+4930333"));
        assertThat(tenants.forCall("+4930111", null)).as("given up by its owner: gone").isEmpty();
    }

    @Test
    void hasReadATopicOnlyUpToEveryPartitionsEndAndIsLoadedOnlyWhenMarked() {
        TenantDirectory tenants = new TenantDirectory();
        assertThat(tenants.hasRead(java.util.Map.of(0, 0L))).as("an empty partition").isTrue();
        assertThat(tenants.hasRead(java.util.Map.of(0, 3L))).isFalse();
        tenants.readUpTo(0, 3);
        tenants.readUpTo(0, 2); // a record read again (a rebalance) moves nothing back
        assertThat(tenants.hasRead(java.util.Map.of(0, 3L))).isTrue();
        assertThat(tenants.hasRead(java.util.Map.of(0, 3L, 1, 1L))).as("partition 1 not read").isFalse();
        assertThat(tenants.loaded()).isFalse();
        tenants.markLoaded();
        assertThat(tenants.loaded()).isTrue();
    }
}
