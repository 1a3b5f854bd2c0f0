package io.nexidentity.application.security;

import org.junit.jupiter.api.Test;

import io.nexidentity.application.application.ApplicationResource;
import io.nexidentity.runtime.contract.AdminPermissionTable;

class AdminPermissionTableTest {

    @Test
    void docsWhenComparedWithTheEndpointsThenEveryEndpointIsListedWithItsPermission() throws Exception {
        AdminPermissionTable.assertDocuments("application-service", ApplicationResource.class);
    }
}
