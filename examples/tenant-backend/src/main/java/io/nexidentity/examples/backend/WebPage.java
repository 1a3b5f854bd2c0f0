package io.nexidentity.examples.backend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.UserInfo;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The web side of the example: {@code /web} signs the person in through NexIdentity's hosted page (quarkus-oidc's
 * {@code web} tenant, code flow with PKCE) and shows what the API answers to the person's access token; {@code
 * /web/logout} signs out at NexIdentity too (RP-initiated logout) and comes back to {@code /web/signed-out}.
 */
@Path("/web")
public class WebPage {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    UserInfo userInfo;

    @Inject
    AccessTokenCredential accessToken;

    @GET
    @Authenticated
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public String home() throws Exception {
        var answer = HTTP.send(
                HttpRequest.newBuilder(ownApi())
                        .header("Authorization", "Bearer " + accessToken.getToken())
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var email = userInfo.getString("email");
        return page(
                "Orders",
                "<h1>Signed in</h1><p>Signed in as <strong id=\"who\">"
                        + escape(String.valueOf(email))
                        + "</strong>.</p><h2>The API answered " + answer.statusCode()
                        + "</h2><pre id=\"api\">" + escape(answer.body()) + "</pre>"
                        + "<p><a id=\"logout\" href=\"/web/logout\">Log out</a></p>");
    }

    @GET
    @Path("/signed-out")
    @Produces(MediaType.TEXT_HTML)
    public String signedOut() {
        return page("Signed out", "<h1>You are signed out</h1><p><a href=\"/web\">Sign in again</a></p>");
    }

    @GET
    @Path("/not-signed-in")
    @Produces(MediaType.TEXT_HTML)
    public String notSignedIn() {
        return page("Not signed in", "<h1>You did not sign in</h1><p><a href=\"/web\">Try again</a></p>");
    }

    /** The API of this same service: the call a browser-facing backend makes on the person's behalf. */
    private static URI ownApi() {
        var config = ConfigProvider.getConfig();
        var port = LaunchMode.current() == LaunchMode.TEST
                ? config.getValue("quarkus.http.test-port", Integer.class)
                : config.getValue("quarkus.http.port", Integer.class);
        return URI.create("http://127.0.0.1:" + port + "/api/context");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"></head><body><main>"
                + body + "</main></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
