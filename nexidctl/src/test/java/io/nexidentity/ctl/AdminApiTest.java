package io.nexidentity.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {

    @TempDir
    Path config;

    @Test
    void problemWhenProblemJsonThenStatusTitleTypeDetailAndFieldsOnItsOwnLines() {
        var message = AdminApi.problem(403, """
                        {"type":"https://docs.nexidentity.io/problems/insufficient-scope","title":"Forbidden","status":403,
                         "detail":"this needs the permission clients:write","errors":[{"field":"name","detail":"must not be blank"}]}""").getMessage();

        assertThat(message)
                .isEqualTo("403 Forbidden (insufficient-scope): this needs the permission clients:write\n"
                        + "  name: must not be blank");
    }

    @Test
    void problemWhenTheBodyIsNotJsonThenTheStatusAlone() {
        assertThat(AdminApi.problem(502, "<html>bad gateway</html>").getMessage())
                .isEqualTo("502");
    }

    @Test
    void urlOfWhenOneUrlThenEveryServiceBehindIt() {
        var api = signedIn(Map.of(AdminApi.ALL_SERVICES, "https://id.example.com"), Map.of());

        assertThat(api.urlOf("/v1/clients?limit=5")).isEqualTo("https://id.example.com/v1/clients?limit=5");
        assertThat(api.urlOf("/v1/webhook-endpoints/x/replay"))
                .isEqualTo("https://id.example.com/v1/webhook-endpoints/x/replay");
    }

    @Test
    void urlOfWhenTheEnvironmentNamesServicesThenEachPathGoesToItsService() {
        var api = signedIn(
                Map.of(AdminApi.ALL_SERVICES, "https://id.example.com"),
                Map.of(
                        "NEXIDCTL_API",
                        "tenant-service=http://127.0.0.1:8081/,webhook-dispatcher=http://127.0.0.1:8085"));

        assertThat(api.urlOf("/v1/tenant")).isEqualTo("http://127.0.0.1:8081/v1/tenant");
        assertThat(api.urlOf("/v1/memberships/1")).isEqualTo("http://127.0.0.1:8081/v1/memberships/1");
        assertThat(api.urlOf("/v1/webhook-deliveries/1/replay"))
                .isEqualTo("http://127.0.0.1:8085/v1/webhook-deliveries/1/replay");
        assertThat(api.urlOf("/v1/audit-events")).isEqualTo("https://id.example.com/v1/audit-events");
    }

    @Test
    void parseApiWhenAServiceIsUnknownThenRefused() {
        assertThatThrownBy(() -> AdminApi.parseApi("token-servce=http://x"))
                .isInstanceOf(CtlException.class)
                .hasMessageContaining("unknown service token-servce");
    }

    @Test
    void segmentWhenAnIdHoldsPathCharactersThenTheyStayInOneSegment() {
        assertThat(ApiCommand.segment("../../v1/tenant/plan")).isEqualTo("..%2F..%2Fv1%2Ftenant%2Fplan");
        assertThat(ApiCommand.segment("a b?c#d")).isEqualTo("a%20b%3Fc%23d");
    }

    @Test
    void segmentWhenADotSegmentThenRefused() {
        assertThatThrownBy(() -> ApiCommand.segment("..")).isInstanceOf(CtlException.class);
        assertThatThrownBy(() -> ApiCommand.segment(".")).isInstanceOf(CtlException.class);
    }

    @Test
    void parseApiWhenPlainHttpToAnotherHostThenRefusedButLoopbackTaken() {
        assertThatThrownBy(() -> AdminApi.parseApi("http://id.example.com"))
                .isInstanceOf(CtlException.class)
                .hasMessageContaining("must be https");
        assertThatThrownBy(() -> AdminApi.parseApi("client-service=id.example.com/v1"))
                .isInstanceOf(CtlException.class)
                .hasMessageContaining("absolute https URL");
        assertThat(AdminApi.parseApi("http://127.0.0.1:8081,client-service=https://api.example.com/"))
                .containsEntry(AdminApi.ALL_SERVICES, "http://127.0.0.1:8081")
                .containsEntry("client-service", "https://api.example.com");
    }

    @Test
    void sanitizeWhenEscapeSequencesC1ControlsOrBidiOverridesThenShownAsQuestionMarks() {
        assertThat(Output.sanitize("a\u001b]0;owned\u0007b\u009bc\u202ed")).isEqualTo("a?]0;owned?b?c?d");
    }

    @Test
    void originOfWhenATenantIssuerThenSchemeHostAndPort() {
        assertThat(AdminApi.originOf("https://id.example.com:8443/t/acme")).isEqualTo("https://id.example.com:8443");
    }

    private AdminApi signedIn(Map<String, String> api, Map<String, String> variables) {
        new SessionStore(config)
                .save(new Session(
                        Session.PERSON, "https://i", "nxa-1", "https://i/token", api, "a", "r", Long.MAX_VALUE));
        return new AdminApi(new CtlEnvironment(config, variables, CtlEnvironment.newHttpClient()), Clock.systemUTC());
    }
}
