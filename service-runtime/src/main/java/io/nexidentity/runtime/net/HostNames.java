package io.nexidentity.runtime.net;

import java.net.IDN;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Public DNS host names, as a tenant's custom domain must be one: two labels or more, in ASCII form (internationalized
 * names are converted, RFC 5891), lower case, no trailing dot, no address literal, a top-level label of letters (or an
 * IDN one), nothing local ({@code localhost}, {@code .local}, {@code .internal}), nothing of the platform's own host
 * or below it.
 */
public final class HostNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
    private static final Set<String> LOCAL =
            Set.of("localhost", "local", "internal", "localdomain", "lan", "home", "svc");

    private HostNames() {}

    /** Whether {@code host} (already lower case, as a request names it) is a public host other than the platform's. */
    public static boolean isPublic(String host, String platformHost) {
        try {
            return canonical(host, platformHost).equals(host);
        } catch (IllegalArgumentException notPublic) {
            return false;
        }
    }

    /**
     * The canonical form of {@code raw}.
     *
     * @throws IllegalArgumentException saying what is wrong with it, to be shown to whoever named it
     */
    public static String canonical(String raw, String platformHost) {
        if (raw == null || raw.isBlank() || raw.length() > 253) {
            throw invalid("must be a host name of at most 253 characters, e.g. login.example.com");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(raw.strip(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid("is not a valid host name");
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (IpLiterals.parse(ascii).isPresent()) {
            throw invalid("must be a host name, not an address");
        }
        var labels = ascii.split("\\.", -1);
        if (ascii.length() > 253 || labels.length < 2) {
            throw invalid("must be a host name of two labels or more, e.g. login.example.com");
        }
        for (var label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid("has a label that is not letters, digits and inner hyphens (at most 63)");
            }
        }
        var top = labels[labels.length - 1];
        if (!TOP_LEVEL.matcher(top).matches() || LOCAL.contains(top)) {
            throw invalid("must end in a public top-level domain");
        }
        if (ascii.equals(platformHost) || ascii.endsWith("." + platformHost)) {
            throw invalid("is the platform's own host or below it");
        }
        return ascii;
    }

    private static IllegalArgumentException invalid(String detail) {
        return new IllegalArgumentException("domain " + detail);
    }
}
