package io.nexidentity.tenant.branding;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.tenant.registration.RegisterTenant;

/**
 * What a tenant may put on the hosted pages. Values are data, never markup: the display name is plain text without
 * control or format characters (no bidirectional overrides to disguise a name), the logo is an https URL without
 * credentials, the support link is https or mailto, and the primary colour must keep WCAG 2.1 AA contrast (4.5:1)
 * with white, since it colours white button text and links on the white page.
 */
final class BrandingRules {

    static final double MINIMUM_CONTRAST = 4.5;
    private static final int MAX_NAME = 60;
    private static final int MAX_URL = 2048;
    private static final Pattern PLAIN_TEXT = Pattern.compile(RegisterTenant.PLAIN_TEXT);
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");
    private static final Pattern MAILBOX = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=^_`{|}~-]+@[A-Za-z0-9.-]+");

    private BrandingRules() {}

    static String displayName(String name) {
        if (name == null) {
            return null;
        }
        var stripped = name.strip();
        if (stripped.isEmpty() || stripped.codePointCount(0, stripped.length()) > MAX_NAME) {
            throw ProblemException.invalidField("display_name", "must be 1 to " + MAX_NAME + " characters");
        }
        if (!PLAIN_TEXT.matcher(stripped).matches()) {
            throw ProblemException.invalidField("display_name", RegisterTenant.PLAIN_TEXT_MESSAGE);
        }
        return stripped;
    }

    static String logoUrl(String url) {
        if (url == null) {
            return null;
        }
        var uri = absolute("logo_url", url);
        if (!"https".equals(uri.getScheme())) {
            throw ProblemException.invalidField("logo_url", "must be an https URL");
        }
        return uri.toString();
    }

    static String supportUrl(String url) {
        if (url == null) {
            return null;
        }
        if (url.startsWith("mailto:")) {
            if (!MAILBOX.matcher(url.substring("mailto:".length())).matches()) {
                throw ProblemException.invalidField("support_url", "must be mailto: followed by one address");
            }
            return url;
        }
        var uri = absolute("support_url", url);
        if (!"https".equals(uri.getScheme())) {
            throw ProblemException.invalidField("support_url", "must be an https URL or a mailto: address");
        }
        return uri.toString();
    }

    static String primaryColour(String colour) {
        if (colour == null) {
            return null;
        }
        var normalized = colour.toLowerCase(Locale.ROOT);
        if (!COLOUR.matcher(normalized).matches()) {
            throw ProblemException.invalidField("primary_colour", "must be a colour in the form #rrggbb");
        }
        var ratio = contrastWithWhite(normalized);
        if (ratio < MINIMUM_CONTRAST) {
            throw ProblemException.invalidField(
                    "primary_colour",
                    String.format(
                            Locale.ROOT,
                            "contrast with white is %.2f:1; WCAG 2.1 AA needs at least %.1f:1 (choose a darker colour)",
                            ratio,
                            MINIMUM_CONTRAST));
        }
        return normalized;
    }

    /** The WCAG 2.1 contrast ratio of {@code #rrggbb} against white. */
    static double contrastWithWhite(String colour) {
        var rgb = Integer.parseInt(colour.substring(1), 16);
        var luminance = 0.2126 * linear(rgb >> 16) + 0.7152 * linear((rgb >> 8) & 0xff) + 0.0722 * linear(rgb & 0xff);
        return 1.05 / (luminance + 0.05);
    }

    private static double linear(int channel) {
        var c = (channel & 0xff) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** An absolute URL of printable ASCII with a host and no user info (no "https://bank.example@evil.example"). */
    private static URI absolute(String field, String url) {
        if (url.length() > MAX_URL || !url.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.invalidField(field, "must be an absolute URL of at most " + MAX_URL + " characters");
        }
        try {
            var uri = new URI(url);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw ProblemException.invalidField(field, "must be an absolute URL with a host and no user info");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ProblemException.invalidField(field, "is not a valid URL");
        }
    }
}
