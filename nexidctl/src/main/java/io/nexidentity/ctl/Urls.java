package io.nexidentity.ctl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The URLs nexidctl sends tokens and secrets to: absolute, https (http only to this machine's loopback, as on a local
 * platform), with a host.
 */
final class Urls {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private Urls() {}

    static URI require(String what, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new CtlException(what + " is not a URL: " + url);
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new CtlException(what + " must be an absolute https URL, not " + url);
        }
        if (scheme.equals("http") && !LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new CtlException(what + " must be https (http only to 127.0.0.1 or localhost), not " + url);
        }
        return uri;
    }
}
