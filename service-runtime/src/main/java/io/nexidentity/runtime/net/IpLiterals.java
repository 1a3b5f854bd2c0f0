package io.nexidentity.runtime.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Literal IP addresses, parsed without ever resolving a name (a header or a setting must never cause a lookup). */
public final class IpLiterals {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern V4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiterals() {}

    public static Optional<InetAddress> parse(String text) {
        if (text == null
                || !(V4.matcher(text).matches()
                        || (text.indexOf(':') >= 0 && V6.matcher(text).matches()))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
