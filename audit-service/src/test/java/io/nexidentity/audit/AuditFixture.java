package io.nexidentity.audit;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.TestIssuer;

/** CloudEvents published to the real topics as their producing services would, for one tenant of the test's own. */
public record AuditFixture(UUID tenantId, UUID organizationId) {

    public static AuditFixture newTenant() {
        return new AuditFixture(UUID.randomUUID(), UUID.randomUUID());
    }

    /** Publishes an event and returns its id. */
    public String publish(Topic topic, String type, String subject, String actor, Instant time, String data) {
        var id = UUID.randomUUID().toString();
        publishWithId(topic, id, type, subject, actor, time, data);
        return id;
    }

    public void publishWithId(
            Topic topic, String id, String type, String subject, String actor, Instant time, String data) {
        var json = """
                {"specversion":"1.0","id":"%s","source":"/nexid/test","type":"%s","subject":"%s","time":"%s",\
                "datacontenttype":"application/json","tenantid":"%s"%s,"data":%s}""".formatted(
                        id, type, subject, time, tenantId, actor == null ? "" : ",\"actor\":\"" + actor + "\"", data);
        EventLog.produce(topic, tenantId.toString(), json);
    }

    /** A client change of this tenant's organization. */
    public String clientEvent(String type, String clientId) {
        return publish(
                Topic.CLIENT,
                type,
                clientId,
                "admin-client",
                Instant.now(),
                "{\"client_id\":\"" + clientId + "\",\"organization_id\":\"" + organizationId + "\"}");
    }

    public RequestSpecification admin() {
        return given().auth().oauth2(TestIssuer.adminToken(tenantId)).contentType(ContentType.JSON);
    }
}
