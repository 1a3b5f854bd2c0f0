package io.nexidentity.client;

import io.quarkus.test.junit.QuarkusTest;

import io.nexidentity.runtime.contract.PlatformEndpointsContract;

@QuarkusTest
class ClientServicePlatformEndpointsTest extends PlatformEndpointsContract {}
