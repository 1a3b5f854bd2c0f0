package io.nexidentity.token.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Parameters that are not UTF-8 are refused at {@code /authorize} with {@code invalid_request}: on an error page while
 * the client and its redirect URI are not yet trusted, by redirect once they are. Nothing malformed reaches the
 * sign-in page.
 */
@QuarkusTest
class AuthorizeInputTest {

    @Test
    void authorizeWhenAParameterIsNotUtf8ThenInvalidRequestRedirectedWithState() {
        var flow = BrowserFlow.start();
        var params = flow.request("openid");
        params.remove("nonce");
        var query = encoded(params) + "&nonce=%FF%FE";

        var response = flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .urlEncodingEnabled(false)
                .get("/authorize?" + query);

        var callback = BrowserFlow.callbackQuery(response);
        assertThat(callback).containsEntry("error", "invalid_request").containsEntry("state", params.get("state"));
        assertThat(callback.get("error_description")).contains("nonce");
    }

    @Test
    void authorizeWhenClientIdOrRedirectUriIsNotUtf8ThenErrorPageAndNoRedirect() {
        var flow = BrowserFlow.start();
        var params = flow.request("openid");
        params.remove("redirect_uri");

        flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .urlEncodingEnabled(false)
                .get("/authorize?" + encoded(params) + "&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback%C0%AF")
                .then()
                .statusCode(400)
                .header("Location", nullValue());
        params.put("redirect_uri", BrowserFlow.CALLBACK);
        params.remove("client_id");
        flow.fixture
                .oauth()
                .redirects()
                .follow(false)
                .urlEncodingEnabled(false)
                .get("/authorize?" + encoded(params) + "&client_id=" + flow.clientId + "%00")
                .then()
                .statusCode(400)
                .header("Location", nullValue());
    }

    private static String encoded(java.util.Map<String, String> params) {
        return params.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
