package io.nexidentity.audit;

import io.quarkus.test.junit.QuarkusTest;

import io.nexidentity.runtime.contract.PlatformEndpointsContract;

@QuarkusTest
class AuditServicePlatformEndpointsTest extends PlatformEndpointsContract {}
