package io.nexidentity.tenant.security;

import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.AdminPermissionTable;
import io.nexidentity.tenant.tenant.TenantResource;

class AdminPermissionTableTest {

    @Test
    void docsWhenComparedWithTheEndpointsThenEveryEndpointIsListedWithItsPermission() throws Exception {
        AdminPermissionTable.assertDocuments("tenant-service", TenantResource.class);
    }
}
