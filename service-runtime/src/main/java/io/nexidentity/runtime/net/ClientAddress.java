package io.nexidentity.runtime.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.vertx.core.MultiMap;

/**
 * The address a request comes from, as throttles and the audit trail see it. Behind proxies, the forwarded chain
 * ({@code Forwarded}, RFC 7239, or else {@code X-Forwarded-For}) is read from the right, and only across hops that are
 * configured trusted proxies: the first address a trusted hop vouches for and that is not itself a trusted proxy is the
 * client. Anything a client writes to the left of that is ignored, so it cannot pick its own address. IPv6 clients are
 * throttled per /64, the block one subscriber usually holds, so that one address cannot be swapped for the next.
 */
public record ClientAddress(InetAddress address) {

    static ClientAddress of(String peerAddress, MultiMap headers, List<Cidr> trustedProxies) {
        var peer = IpLiterals.parse(peerAddress)
                .orElseThrow(() -> new IllegalStateException("the peer address is not an IP address"));
        if (trustedProxies.isEmpty()) {
            return new ClientAddress(peer);
        }
        var chain = forwardedChain(headers);
        var client = peer;
        for (int i = chain.size() - 1; i >= 0 && trusted(client, trustedProxies); i--) {
            var forwarded = chain.get(i);
            if (forwarded.isEmpty()) {
                break;
            }
            client = forwarded.get();
        }
        return new ClientAddress(client);
    }

    /** The address as logged: the client's own. */
    public String text() {
        return address.getHostAddress();
    }

    /** The throttle's key: the IPv4 address, or the IPv6 address's /64 network. */
    public String throttleKey() {
        var bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return "address:" + HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        }
        return "address:" + address.getHostAddress();
    }

    private static boolean trusted(InetAddress address, List<Cidr> trustedProxies) {
        return trustedProxies.stream().anyMatch(network -> network.contains(address));
    }

    /** The forwarded addresses, leftmost first; an entry that is not an IP address (obfuscated, unknown) is empty. */
    private static List<Optional<InetAddress>> forwardedChain(MultiMap headers) {
        var chain = new ArrayList<Optional<InetAddress>>();
        var forwarded = headers.getAll("Forwarded");
        if (!forwarded.isEmpty()) {
            for (var header : forwarded) {
                for (var element : header.split(",")) {
                    chain.add(forParameter(element));
                }
            }
            return chain;
        }
        for (var header : headers.getAll("X-Forwarded-For")) {
            for (var entry : header.split(",")) {
                chain.add(literal(entry.strip()));
            }
        }
        return chain;
    }

    private static Optional<InetAddress> forParameter(String element) {
        for (var pair : element.split(";")) {
            var parts = pair.strip().split("=", 2);
            if (parts.length == 2 && parts[0].strip().equalsIgnoreCase("for")) {
                var value = parts[1].strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return literal(value);
            }
        }
        return Optional.empty();
    }

    /** {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]}, {@code [2001:db8::1]:4711} or {@code 2001:db8::1}. */
    private static Optional<InetAddress> literal(String value) {
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? Optional.empty() : IpLiterals.parse(value.substring(1, end));
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && colon == value.lastIndexOf(':')) {
            value = value.substring(0, colon);
        }
        return IpLiterals.parse(value);
    }
}
