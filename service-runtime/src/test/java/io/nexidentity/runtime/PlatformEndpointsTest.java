package io.nexidentity.runtime;

import io.quarkus.test.junit.QuarkusTest;

import io.nexidentity.runtime.contract.PlatformEndpointsContract;

@QuarkusTest
class PlatformEndpointsTest extends PlatformEndpointsContract {}
