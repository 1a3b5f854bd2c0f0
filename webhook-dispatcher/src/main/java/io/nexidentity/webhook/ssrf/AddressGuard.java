package io.nexidentity.webhook.ssrf;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import io.nexidentity.webhook.config.WebhookConfig;

/**
 * Refuses webhook targets inside the platform's network (SSRF): loopback, private, link-local (cloud metadata at
 * 169.254.169.254), unique-local, multicast and unspecified addresses, unless a configured network allows them. Checked
 * at registration and again, on the freshly resolved address, before every delivery, which then goes to exactly that
 * address (no second lookup an attacker's DNS could answer differently). A checked address is reused for deliveries to
 * its host for {@code checked-address-ttl}, like the JVM's own DNS cache, sparing each attempt a blocking lookup.
 */
@ApplicationScoped
public class AddressGuard {

    private final List<Cidr> allowed = new ArrayList<>();
    private final boolean allowHttp;
    private final Vertx vertx;
    private final Cache<String, InetAddress> checked;

    AddressGuard(WebhookConfig config, Vertx vertx) {
        config.allowedNetworks().orElse(List.of()).forEach(network -> allowed.add(Cidr.parse(network)));
        this.allowHttp = config.allowHttp();
        this.vertx = vertx;
        this.checked = Caffeine.newBuilder()
                .expireAfterWrite(config.checkedAddressTtl())
                .maximumSize(10_000)
                .build();
    }

    /** The URL's syntax problem, or null when the URL is acceptable before resolution. */
    public String checkSyntax(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return "is not a URI";
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !("http".equals(scheme) && allowHttp)) {
            return "must use https";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return "must be an absolute URL with a host, without user info or fragment";
        }
        return null;
    }

    /** The address to connect to for the URL's host; see {@link #resolveHost}. */
    public Uni<InetAddress> resolve(String url) {
        return resolveHost(URI.create(url).getHost());
    }

    /**
     * Resolves the host off the event loop (or takes its recently checked address) and answers the address to connect
     * to; fails with {@link RefusedTarget} when an address is internal, with {@link UnresolvedHost} when the name does
     * not resolve.
     */
    public Uni<InetAddress> resolveHost(String host) {
        var known = checked.getIfPresent(host);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return vertx.executeBlocking(
                Uni.createFrom().item(() -> {
                    InetAddress[] addresses;
                    try {
                        addresses = InetAddress.getAllByName(
                                host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
                    } catch (UnknownHostException e) {
                        throw new UnresolvedHost("the host " + host + " does not resolve");
                    }
                    for (var address : addresses) {
                        if (internal(address) && allowed.stream().noneMatch(network -> network.contains(address))) {
                            throw new RefusedTarget("the host " + host + " resolves to the internal address "
                                    + address.getHostAddress());
                        }
                    }
                    checked.put(host, addresses[0]);
                    return addresses[0];
                }),
                false);
    }

    static boolean internal(InetAddress address) {
        var bytes = address.getAddress();
        var uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()
                || uniqueLocalV6
                || (bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64);
    }

    /** A target the guard refuses. */
    public static class RefusedTarget extends RuntimeException {
        public RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }

    /** A host name that does not resolve (now: DNS may answer again later). */
    public static class UnresolvedHost extends RuntimeException {
        public UnresolvedHost(String message) {
            super(message, null, false, false);
        }
    }

    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            var parts = text.split("/");
            try {
                var address = InetAddress.getByName(parts[0]).getAddress();
                return new Cidr(address, parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a network: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            var bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
