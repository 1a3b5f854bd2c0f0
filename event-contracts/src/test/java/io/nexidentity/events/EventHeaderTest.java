package io.nexidentity.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventHeaderTest {

    private static final String ORGANIZATION = "6f1c2a52-3c1e-4f5e-9a4b-0d7f3b2c1a10";

    @Test
    void readWhenPayloadNamesOrganizationThenHeaderAndOrganizationOnly() throws IOException {
        var header = EventHeader.read("""
                {"specversion":"1.0","id":"e-1","source":"/nexid/token-service","type":"nexid.token.issued.v1",
                 "subject":"jti-1","time":"2026-11-26T10:00:00.123Z","tenantid":"t-1","actor":"client:c-1",
                 "traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                 "data":{"nested":{"organization_id":"not this one"},"list":[1,{"a":2}],
                         "organization_id":"%s"}}""".formatted(ORGANIZATION));

        assertThat(header)
                .isEqualTo(new EventHeader(
                        "e-1",
                        "nexid.token.issued.v1",
                        Instant.parse("2026-11-26T10:00:00.123Z"),
                        "t-1",
                        "jti-1",
                        "client:c-1",
                        UUID.fromString(ORGANIZATION),
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    }

    @Test
    void readWhenOrganizationEventThenSubjectIsTheOrganization() throws IOException {
        var header = EventHeader.read("""
                {"id":"e-2","type":"nexid.organization.created.v1","time":"2026-11-26T10:00:00Z",
                 "subject":"%s","data":{"name":"Acme"}}""".formatted(ORGANIZATION));

        assertThat(header.organizationId()).isEqualTo(UUID.fromString(ORGANIZATION));
        assertThat(header.tenantId()).isNull();
    }

    @Test
    void readWhenTenantWideOrMalformedOrganizationThenNone() throws IOException {
        assertThat(EventHeader.read("""
                        {"id":"e-3","type":"nexid.user.created.v1","time":"2026-11-26T10:00:00Z",
                         "data":{"organization_id":"not-a-uuid"}}""").organizationId()).isNull();
        assertThat(EventHeader.read("""
                        {"id":"e-4","type":"nexid.tenant.renamed.v1","time":"2026-11-26T10:00:00Z","data":null}""").organizationId()).isNull();
    }

    @Test
    void readWhenNotACloudEventThenFails() {
        assertThatThrownBy(() -> EventHeader.read("not json")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EventHeader.read("[1,2]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EventHeader.read("{\"id\":\"e\",\"type\":\"t\"}"))
                .isInstanceOf(IOException.class);
    }
}
