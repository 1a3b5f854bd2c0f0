package io.nexidentity.client.security;

import org.junit.jupiter.api.Test;

import io.nexidentity.client.client.ClientResource;
import io.nexidentity.runtime.contract.AdminPermissionTable;

class AdminPermissionTableTest {

    @Test
    void docsWhenComparedWithTheEndpointsThenEveryEndpointIsListedWithItsPermission() throws Exception {
        AdminPermissionTable.assertDocuments("client-service", ClientResource.class);
    }
}
