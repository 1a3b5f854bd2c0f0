package io.nexidentity.tenant.password;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "nexid.passwords")
public interface PasswordConfig {

    /** Shortest password accepted. */
    @WithDefault("12")
    int minLength();

    /** Longest password accepted (bounds hashing cost). */
    @WithDefault("128")
    int maxLength();

    /** Argon2id memory in KiB (OWASP: 19456 with 2 iterations and parallelism 1). */
    @WithDefault("19456")
    int argon2MemoryKib();

    /** Argon2id iterations. */
    @WithDefault("2")
    int argon2Iterations();

    /** Argon2id lanes. */
    @WithDefault("1")
    int argon2Parallelism();
}
