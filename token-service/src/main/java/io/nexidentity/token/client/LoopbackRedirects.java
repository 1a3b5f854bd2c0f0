package io.nexidentity.token.client;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The redirect URIs of the tenants' admin clients: a command line on the person's own machine receiving the code on a
 * loopback port it opened for the sign-in (RFC 8252 7.3): {@code http://127.0.0.1:{any port}/{path}} or
 * {@code http://[::1]:{any port}/{path}}, no query, fragment or user information. {@code localhost} is refused (8.3:
 * a name can resolve elsewhere).
 */
final class LoopbackRedirects {

    private LoopbackRedirects() {}

    static boolean accepts(String redirectUri) {
        URI uri;
        try {
            uri = new URI(redirectUri);
        } catch (URISyntaxException e) {
            return false;
        }
        return "http".equals(uri.getScheme())
                && ("127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost()))
                && uri.getPort() > 0
                && uri.getRawUserInfo() == null
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && uri.getRawPath() != null
                && uri.getRawPath().startsWith("/");
    }
}
