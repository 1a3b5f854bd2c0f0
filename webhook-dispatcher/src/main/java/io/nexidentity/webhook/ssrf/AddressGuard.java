package io.nexidentity.webhook.ssrf;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import io.nexidentity.runtime.net.Cidr;
import io.nexidentity.webhook.config.WebhookConfig;

/**
 * Refuses webhook targets inside the platform's network (SSRF; see {@link #internal} for every range), e.g. cloud
 * metadata at 169.254.169.254, unless a configured network allows them. Checked
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
                            // Which address is not said: the answer would map the platform's network for the caller.
                            throw new RefusedTarget(
                                    "the host " + host + " resolves to an address inside the platform's network");
                        }
                    }
                    checked.put(host, addresses[0]);
                    return addresses[0];
                }),
                false);
    }

    /**
     * Addresses no webhook may reach: loopback, private, shared (carrier-grade NAT), link-local, unique-local,
     * multicast, unspecified, "this network" (0.0.0.0/8), benchmarking (198.18.0.0/15), reserved (240.0.0.0/4, with
     * broadcast), every NAT64 prefix (the gateway reaches IPv4 on the platform's side) and the IPv6 forms that carry an
     * IPv4 address: IPv4-compatible and SIIT-translated addresses are refused outright, 6to4 and Teredo ones when the
     * IPv4 address they carry is internal.
     */
    static boolean internal(InetAddress address) {
        var bytes = address.getAddress();
        if (address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        return bytes.length == 4 ? internalV4(bytes) : internalV6(bytes);
    }

    private static boolean internalV4(byte[] bytes) {
        int first = bytes[0] & 0xff, second = bytes[1] & 0xff;
        return first == 0
                || first == 10
                || first == 127
                || (first == 100 && (second & 0xc0) == 64)
                || (first == 169 && second == 254)
                || (first == 172 && (second & 0xf0) == 16)
                || (first == 192 && second == 168)
                || (first == 198 && (second & 0xfe) == 18)
                || first >= 224;
    }

    private static boolean internalV6(byte[] bytes) {
        if ((bytes[0] & 0xfe) == 0xfc) {
            return true; // unique local fc00::/7
        }
        if (startsWith(bytes, 0x00, 0x64, 0xff, 0x9b)) {
            return true; // NAT64: 64:ff9b::/96 and 64:ff9b:1::/48
        }
        if (zeros(bytes, 0, 12)) {
            return true; // IPv4-compatible ::a.b.c.d (deprecated, never a public destination)
        }
        if (zeros(bytes, 0, 8) && startsWith(Arrays.copyOfRange(bytes, 8, 12), 0xff, 0xff, 0x00, 0x00)) {
            return true; // SIIT ::ffff:0:a.b.c.d
        }
        if (startsWith(bytes, 0x20, 0x02)) {
            return internalV4(Arrays.copyOfRange(bytes, 2, 6)); // 6to4 2002:AABB:CCDD::/48
        }
        if (startsWith(bytes, 0x20, 0x01, 0x00, 0x00)) {
            // Teredo 2001::/32: the server's IPv4 address in bits 32-63, the client's inverted in the last 32 bits
            var client = Arrays.copyOfRange(bytes, 12, 16);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            return internalV4(Arrays.copyOfRange(bytes, 4, 8)) || internalV4(client);
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
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
}
