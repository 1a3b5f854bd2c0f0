package io.nexidentity.bench;

import com.fasterxml.jackson.databind.JsonNode;

import io.nexidentity.quickstart.PlatformApi;

/**
 * Prepares the token benchmark through the real admin APIs, as a tenant would: registers a tenant, gets an admin
 * token from its issuer with its bootstrap client, creates an application and two automation clients (RS256 and
 * ES256). Prints shell assignments for the load runs: the tenant's issuer (the base URL of the endpoints measured),
 * the clients' Basic credentials and a token to introspect.
 *
 * <p>Usage: {@code TokenBenchmarkSetup <token-url> <tenant-url> <application-url> <client-url>}
 */
public final class TokenBenchmarkSetup {

    private TokenBenchmarkSetup() {}

    public static void main(String[] args) throws Exception {
        var tenant = PlatformApi.registerTenant(args[0], args[1], "bench", "enterprise");
        var application = PlatformApi.post(
                args[2] + "/v1/applications", tenant.adminToken(), """
                {"organization_id":"%s","name":"bench","api_scopes":[{"name":"orders:read"}]}""".formatted(tenant.organizationId()));
        var rs = client(
                args[3], tenant.adminToken(), application.get("application_id").asText(), "RS256");
        var es = client(
                args[3], tenant.adminToken(), application.get("application_id").asText(), "ES256");
        System.out.println("ISSUER=" + tenant.issuer());
        System.out.println("RS_BASIC=" + basic(rs));
        System.out.println("ES_BASIC=" + basic(es));
        System.out.println("RS_TOKEN="
                + PlatformApi.clientCredentials(
                        tenant.issuer(),
                        rs.get("client_id").asText(),
                        rs.get("client_secret").asText()));
    }

    private static JsonNode client(String url, String admin, String applicationId, String alg) throws Exception {
        return PlatformApi.post(url + "/v1/clients", admin, """
                {"application_id":"%s","name":"bench-%s","profile":"automation","scopes":["orders:read"],
                 "access_token_signing_alg":"%s"}""".formatted(applicationId, alg, alg));
    }

    private static String basic(JsonNode client) {
        return PlatformApi.basic(
                client.get("client_id").asText(), client.get("client_secret").asText());
    }
}
