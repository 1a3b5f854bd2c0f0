package io.nexidentity.runtime.net;

import java.net.InetAddress;

/** An IP network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is a network of one). */
public record Cidr(byte[] network, int bits) {

    /** Parses a network of literal addresses only (never a host name). */
    public static Cidr parse(String text) {
        var parts = text.strip().split("/", 2);
        var bytes = IpLiterals.parse(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("not a network: " + text))
                .getAddress();
        int bits;
        try {
            bits = parts.length > 1 ? Integer.parseInt(parts[1]) : bytes.length * 8;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a network: " + text, e);
        }
        if (bits < 0 || bits > bytes.length * 8) {
            throw new IllegalArgumentException("not a network: " + text);
        }
        return new Cidr(bytes, bits);
    }

    public boolean contains(InetAddress address) {
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
