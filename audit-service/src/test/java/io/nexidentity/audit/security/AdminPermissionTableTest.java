package io.nexidentity.audit.security;

import org.junit.jupiter.api.Test;

import io.nexidentity.audit.query.AuditEventResource;
import io.nexidentity.runtime.contract.AdminPermissionTable;

class AdminPermissionTableTest {

    @Test
    void docsWhenComparedWithTheEndpointsThenEveryEndpointIsListedWithItsPermission() throws Exception {
        AdminPermissionTable.assertDocuments("audit-service", AuditEventResource.class);
    }
}
