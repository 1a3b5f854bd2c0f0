package io.nexidentity.token.oauth;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.mtls.ClientCertificates;

/**
 * A form-encoded request to an OAuth endpoint. Parameters sent twice are an error (RFC 6749 section 3.1); empty
 * parameters count as absent.
 */
public final class OAuthRequest {

    private final TenantIssuer issuer;
    private final MultiMap form;
    private final String authorization;
    private final X509Certificate[] clientCertificates;

    private OAuthRequest(
            TenantIssuer issuer, MultiMap form, String authorization, X509Certificate[] clientCertificates) {
        this.issuer = issuer;
        this.form = form;
        this.authorization = authorization;
        this.clientCertificates = clientCertificates;
    }

    public static OAuthRequest of(RoutingContext context) {
        var contentType = context.request().getHeader("Content-Type");
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("The request must be application/x-www-form-urlencoded.");
        }
        return new OAuthRequest(
                TenantIssuer.of(context),
                context.request().formAttributes(),
                context.request().getHeader("Authorization"),
                ClientCertificates.presented(context));
    }

    /** The tenant issuer the request was sent to. */
    public TenantIssuer issuer() {
        return issuer;
    }

    /** The parameter's single value, or null when absent. */
    public String param(String name) {
        return single(form, name);
    }

    /** A parameter's single value (null when absent or empty); a repeated parameter is {@code invalid_request}. */
    public static String single(MultiMap params, String name) {
        var values = params.getAll(name);
        if (values.size() > 1) {
            throw OAuthError.invalidRequest("Parameter " + name + " is repeated.");
        }
        return values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    public String required(String name) {
        var value = param(name);
        if (value == null) {
            throw OAuthError.invalidRequest("Parameter " + name + " is missing.");
        }
        return value;
    }

    /** A space-delimited list parameter such as {@code scope}, or null when absent. */
    public Set<String> list(String name) {
        var value = param(name);
        return value == null
                ? null
                : new LinkedHashSet<>(Arrays.asList(value.trim().split(" +")));
    }

    public String authorization() {
        return authorization;
    }

    /** The certificate chain the client presented over mutual TLS, leaf first; null when none. */
    public X509Certificate[] clientCertificates() {
        return clientCertificates;
    }
}
