package io.nexidentity.webhook;

import io.quarkus.test.junit.QuarkusTest;

import io.nexidentity.runtime.contract.PlatformEndpointsContract;

@QuarkusTest
class WebhookDispatcherPlatformEndpointsTest extends PlatformEndpointsContract {}
