package io.nexidentity.webhook.delivery;

import java.util.List;
import java.util.UUID;

/** An endpoint as a delivery needs it: where to send, and its signing secrets opened. */
record DeliveryTarget(
        UUID id,
        UUID tenantId,
        UUID organizationId,
        String url,
        boolean enabled,
        List<String> secrets,
        String privateKey) {}
