package io.nexidentity.runtime.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;

import org.junit.jupiter.api.Test;

class SecretHasherTest {

    private final SecretHasher hasher = new SecretHasher("a-test-key-that-is-long-enough-0123456789");

    @Test
    void newSecretWhenGeneratedThen256BitsBase64UrlAndUnique() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            var secret = hasher.newSecret();
            assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
            seen.add(secret);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void matchesWhenSameSecretThenTrueOtherwiseFalse() {
        var secret = hasher.newSecret();
        var hash = hasher.hash(secret);

        assertThat(hash).startsWith("hmac-sha256:").doesNotContain(secret);
        assertThat(hasher.matches(secret, hash)).isTrue();
        assertThat(hasher.matches(secret + "x", hash)).isFalse();
        assertThat(hasher.matches(null, hash)).isFalse();
        assertThat(hasher.matches(secret, "sha256:" + hash.substring(12))).isFalse();
    }

    @Test
    void hashWhenKeyDiffersThenDifferentHash() {
        var other = new SecretHasher("another-test-key-that-is-long-enough-987");
        var secret = hasher.newSecret();

        assertThat(other.hash(secret)).isNotEqualTo(hasher.hash(secret));
        assertThat(other.matches(secret, hasher.hash(secret))).isFalse();
    }

    @Test
    void constructWhenKeyTooShortThenRefused() {
        assertThatThrownBy(() -> new SecretHasher("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
