package io.nexidentity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prepares the token benchmark through the real admin APIs, as a tenant would: registers a tenant, gets an admin
 * token with its bootstrap client, creates an application and two automation clients (RS256 and ES256). Prints shell
 * assignments for the load runs.
 *
 * <p>Usage: {@code TokenBenchmarkSetup <token-url> <tenant-url> <application-url> <client-url>}
 */
public final class TokenBenchmarkSetup {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenBenchmarkSetup() {}

    public static void main(String[] args) throws Exception {
        var token = args[0];
        var slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        var tenant = post(args[1] + "/v1/tenants", null, """
                {"name":"Benchmark","slug":"%1$s","plan":"enterprise",
                 "admin":{"email":"admin@%1$s.example","name":"Bench","password":"correct horse battery staple"}}""".formatted(slug));
        var bootstrap = tenant.get("bootstrap_credential");
        var admin = clientCredentials(
                token,
                bootstrap.get("client_id").asText(),
                bootstrap.get("client_secret").asText());
        var application = post(args[2] + "/v1/applications", admin, """
                {"organization_id":"%s","name":"bench","api_scopes":[{"name":"orders:read"}]}""".formatted(
                        tenant.get("organization_id").asText()));
        var rs = client(args[3], admin, application.get("application_id").asText(), "RS256");
        var es = client(args[3], admin, application.get("application_id").asText(), "ES256");
        System.out.println("RS_BASIC=" + basic(rs));
        System.out.println("ES_BASIC=" + basic(es));
        System.out.println("RS_TOKEN="
                + clientCredentials(
                        token,
                        rs.get("client_id").asText(),
                        rs.get("client_secret").asText()));
    }

    private static JsonNode client(String url, String admin, String applicationId, String alg) throws Exception {
        return post(url + "/v1/clients", admin, """
                {"application_id":"%s","name":"bench-%s","profile":"automation","scopes":["orders:read"],
                 "access_token_signing_alg":"%s"}""".formatted(applicationId, alg, alg));
    }

    private static String basic(JsonNode client) {
        return Base64.getEncoder()
                .encodeToString((client.get("client_id").asText() + ":"
                                + client.get("client_secret").asText())
                        .getBytes());
    }

    private static String clientCredentials(String tokenUrl, String clientId, String secret) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create(tokenUrl + "/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                "Authorization",
                                "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()))
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static JsonNode post(String url, String bearer, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
