package io.nexidentity.tenant.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.dns.DnsClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Proves a tenant owns a domain: the TXT records of {@code _nexid-challenge.{domain}} must hold the value the platform
 * gave the tenant. Asked of the resolver the platform is configured with ({@code nexid.domains.dns-resolver},
 * host:port), else of the system's.
 */
@ApplicationScoped
public class DomainOwnership {

    static final String CHALLENGE_LABEL = "_nexid-challenge";
    static final String VALUE_PREFIX = "nexid-domain-verification=";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final DnsClient dns;

    DomainOwnership(Vertx vertx, @ConfigProperty(name = "nexid.domains.dns-resolver") Optional<String> resolver) {
        var options = new DnsClientOptions().setQueryTimeout(QUERY_TIMEOUT.toMillis());
        resolver.ifPresent(address -> {
            var colon = address.lastIndexOf(':');
            options.setHost(colon < 0 ? address : address.substring(0, colon))
                    .setPort(colon < 0 ? 53 : Integer.parseInt(address.substring(colon + 1)));
        });
        this.dns = vertx.createDnsClient(options);
    }

    static String recordName(String domain) {
        return CHALLENGE_LABEL + "." + domain;
    }

    static String recordValue(String token) {
        return VALUE_PREFIX + token;
    }

    /** Whether the domain's challenge record holds {@code token}; a name that does not resolve holds nothing. */
    Uni<Boolean> proven(String domain, String token) {
        var expected = recordValue(token);
        return dns.resolveTXT(recordName(domain))
                .onFailure()
                .recoverWithItem(List.of())
                .map(records -> records.stream().anyMatch(expected::equals));
    }
}
