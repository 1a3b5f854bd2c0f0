package io.nexidentity.ctl;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Times on the command line: RFC 3339 ({@code 2026-11-29T03:00:00Z}) or a span back from now ({@code 90m}, {@code 2h}, {@code 7d}). */
final class Times {

    private static final Pattern AGO = Pattern.compile("(\\d{1,6})([smhd])");

    private Times() {}

    /** @return the time as RFC 3339, as the admin APIs take it */
    static String parse(String option, String value, Clock clock) {
        var ago = AGO.matcher(value.toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            var amount = Long.parseLong(ago.group(1));
            var span = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().minus(span).toString();
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw new CtlException(option + ": " + value
                    + " is neither an RFC 3339 time (2026-11-29T03:00:00Z) nor a span back from now (90m, 2h, 7d)");
        }
    }
}
