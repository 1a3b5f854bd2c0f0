package io.nexidentity.tenant;

import io.quarkus.test.junit.QuarkusTest;

import io.nexidentity.runtime.contract.PlatformEndpointsContract;

@QuarkusTest
class TenantServicePlatformEndpointsTest extends PlatformEndpointsContract {}
