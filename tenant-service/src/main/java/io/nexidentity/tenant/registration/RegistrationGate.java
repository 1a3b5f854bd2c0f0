package io.nexidentity.tenant.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;

import io.nexidentity.runtime.problem.Problem;
import io.nexidentity.runtime.problem.ProblemException;

/** Whether a registration may proceed: always when registration is open, with the platform key otherwise. */
@ApplicationScoped
public class RegistrationGate {

    public static final String KEY_HEADER = "Nexid-Registration-Key";

    private final RegistrationConfig config;

    public RegistrationGate(RegistrationConfig config) {
        this.config = config;
        if (config.mode() == RegistrationConfig.Mode.KEY && config.key().isEmpty()) {
            throw new IllegalStateException("nexid.registration.mode=key needs nexid.registration.key");
        }
    }

    public void check(String presentedKey) {
        if (config.mode() == RegistrationConfig.Mode.OPEN) {
            return;
        }
        var expected = config.key().orElseThrow().getBytes(StandardCharsets.UTF_8);
        if (presentedKey == null || !MessageDigest.isEqual(expected, presentedKey.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(Problem.of(
                    "registration-key-required",
                    "Forbidden",
                    403,
                    "Registration needs the platform registration key in the " + KEY_HEADER + " header."));
        }
    }
}
