package io.nexidentity.application;

import io.quarkus.test.junit.QuarkusTest;

import io.nexidentity.runtime.contract.PlatformEndpointsContract;

@QuarkusTest
class ApplicationServicePlatformEndpointsTest extends PlatformEndpointsContract {}
