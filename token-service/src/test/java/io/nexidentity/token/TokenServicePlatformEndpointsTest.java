package io.nexidentity.token;

import io.quarkus.test.junit.QuarkusTest;

import io.nexidentity.runtime.contract.PlatformEndpointsContract;

@QuarkusTest
class TokenServicePlatformEndpointsTest extends PlatformEndpointsContract {}
