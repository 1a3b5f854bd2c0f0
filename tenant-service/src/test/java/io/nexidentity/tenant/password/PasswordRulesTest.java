package io.nexidentity.tenant.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    /** Cheaper Argon2 than production so the unit test stays fast; the format and algorithm are the same. */
    static final PasswordConfig CONFIG = new PasswordConfig() {
        @Override
        public int minLength() {
            return 12;
        }

        @Override
        public int maxLength() {
            return 128;
        }

        @Override
        public int argon2MemoryKib() {
            return 1024;
        }

        @Override
        public int argon2Iterations() {
            return 1;
        }

        @Override
        public int argon2Parallelism() {
            return 1;
        }
    };

    private final PasswordPolicy policy = new PasswordPolicy(CONFIG);
    private final PasswordHasher hasher = new PasswordHasher(CONFIG);

    @Test
    void violationWhenAcceptablePassphraseThenNone() {
        assertThat(policy.violation("correct horse battery staple", "ada@example.com"))
                .isEmpty();
    }

    @Test
    void violationWhenTooShortOrTooLongThenLengthRule() {
        assertThat(policy.violation("short", null)).contains("must be at least 12 characters long");
        assertThat(policy.violation("x".repeat(60) + "y".repeat(69), null))
                .contains("must be at most 128 characters long");
    }

    @Test
    void violationWhenCommonPasswordOrCommonWithSuffixThenRefused() {
        assertThat(policy.violation("passwordpassword", null)).isEmpty();
        assertThat(policy.violation("Password2024!!", null))
                .contains("is too common: it appears in lists of breached passwords");
        assertThat(policy.violation("1q2w3e4r5t6y7u", null)).isEmpty();
        assertThat(policy.violation("administrator1", null)).isPresent();
    }

    @Test
    void violationWhenRepetitiveOrContainsEmailNameThenRefused() {
        assertThat(policy.violation("abababababababab", null)).contains("must not repeat one or two characters");
        assertThat(policy.violation("grace-hopper-rules-2024", "grace-hopper@example.com"))
                .contains("must not contain the email address");
    }

    @Test
    void hashWhenVerifiedThenOnlyTheRightPasswordMatches() {
        var hash = hasher.hash("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery staple")).isNotEqualTo(hash);
    }

    @Test
    void verifyWhenHashMalformedOrMissingThenFalse() {
        assertThat(hasher.verify("anything", "$2a$10$notargon")).isFalse();
        assertThat(hasher.verify("anything", null)).isFalse();
    }

    @Test
    void verifyWhenHashMadeWithOtherParametersThenParametersReadFromHash() {
        var stronger = new PasswordHasher(new PasswordConfig() {
            @Override
            public int minLength() {
                return 12;
            }

            @Override
            public int maxLength() {
                return 128;
            }

            @Override
            public int argon2MemoryKib() {
                return 2048;
            }

            @Override
            public int argon2Iterations() {
                return 2;
            }

            @Override
            public int argon2Parallelism() {
                return 2;
            }
        });

        assertThat(hasher.verify("a long passphrase here", stronger.hash("a long passphrase here")))
                .isTrue();
    }
}
