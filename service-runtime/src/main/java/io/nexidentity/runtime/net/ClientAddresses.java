package io.nexidentity.runtime.net;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resolves the {@link ClientAddress} of a request with the configured trusted proxies ({@code
 * nexid.http.trusted-proxies}: CIDR networks of the reverse proxies in front of the service, e.g. the ingress
 * controller's; only their {@code Forwarded} / {@code X-Forwarded-For} headers are believed. Unset: every request
 * comes from its TCP peer).
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<Cidr> trustedProxies;

    ClientAddresses(@ConfigProperty(name = "nexid.http.trusted-proxies") Optional<List<String>> trustedProxies) {
        this.trustedProxies =
                trustedProxies.orElse(List.of()).stream().map(Cidr::parse).toList();
    }

    public ClientAddress of(HttpServerRequest request) {
        return ClientAddress.of(request.remoteAddress().hostAddress(), request.headers(), trustedProxies);
    }
}
