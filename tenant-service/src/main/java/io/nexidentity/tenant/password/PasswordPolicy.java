package io.nexidentity.tenant.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a password must be (NIST SP 800-63B style: length and a denylist, no composition rules): long enough, not too
 * long, not a common or breached password or one with digits and symbols tacked on, not made of one character, and
 * not containing the user's email name.
 */
@ApplicationScoped
public class PasswordPolicy {

    private final PasswordConfig config;
    private final Set<String> common;

    public PasswordPolicy(PasswordConfig config) {
        this.config = config;
        this.common = loadCommonPasswords();
    }

    /** Why the password is refused, or empty when it is acceptable. */
    public Optional<String> violation(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < config.minLength()) {
            return Optional.of("must be at least " + config.minLength() + " characters long");
        }
        if (password.codePointCount(0, password.length()) > config.maxLength()) {
            return Optional.of("must be at most " + config.maxLength() + " characters long");
        }
        var lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || common.contains(baseWord(lower))) {
            return Optional.of("is too common: it appears in lists of breached passwords");
        }
        if (lower.chars().distinct().count() <= 2) {
            return Optional.of("must not repeat one or two characters");
        }
        var emailName = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@")[0];
        if (emailName.length() >= 4 && lower.contains(emailName)) {
            return Optional.of("must not contain the email address");
        }
        return Optional.empty();
    }

    /** The password without trailing digits and symbols: "password2024!" becomes "password". */
    private static String baseWord(String lower) {
        return lower.replaceFirst("[^a-z]+$", "");
    }

    private static Set<String> loadCommonPasswords() {
        try (var reader = new BufferedReader(new InputStreamReader(
                PasswordPolicy.class.getResourceAsStream("/passwords/common.txt"), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
