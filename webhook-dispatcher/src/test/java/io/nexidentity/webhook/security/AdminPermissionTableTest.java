package io.nexidentity.webhook.security;

import org.junit.jupiter.api.Test;

import io.nexidentity.runtime.contract.AdminPermissionTable;
import io.nexidentity.webhook.endpoint.EndpointResource;

class AdminPermissionTableTest {

    @Test
    void docsWhenComparedWithTheEndpointsThenEveryEndpointIsListedWithItsPermission() throws Exception {
        AdminPermissionTable.assertDocuments("webhook-dispatcher", EndpointResource.class);
    }
}
