package io.nexidentity.runtime.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class AesGcmSealerTest {

    private static final String OLD = newKey();
    private static final String NEW = newKey();

    @Test
    void sealedValueNamesItsKeyAndOpensOnlyInItsContext() {
        var sealer = new AesGcmSealer(OLD, "test.key");
        var sealed = sealer.seal("row-1", "secret");

        assertThat(sealed).startsWith(sealer.currentKeyId() + ":").matches("kek-[0-9a-f]{12}:.+");
        assertThat(sealer.open("row-1", sealed)).isEqualTo("secret");
        assertThatThrownBy(() -> sealer.open("row-2", sealed))
                .hasMessageContaining("altered or belongs to another row");
    }

    @Test
    void afterARotationThePreviousKeyStillOpensAndTheCurrentOneSeals() {
        var before = new AesGcmSealer(OLD, "test.key");
        var sealedBefore = before.seal("row", "secret");
        var rotated = new AesGcmSealer(NEW, List.of(OLD), "test.key");

        assertThat(rotated.open("row", sealedBefore)).isEqualTo("secret");
        assertThat(rotated.sealedWithCurrentKey(sealedBefore)).isFalse();
        var sealedAfter = rotated.seal("row", "secret");
        assertThat(rotated.sealedWithCurrentKey(sealedAfter)).isTrue();
        assertThat(sealedAfter).doesNotStartWith(before.currentKeyId());
    }

    @Test
    void aValueOfAnUnknownKeyIsRefusedWithItsCauseAndTheFix() {
        var sealed = new AesGcmSealer(OLD, "test.key").seal("row", "secret");
        var other = new AesGcmSealer(NEW, "test.key");

        assertThatThrownBy(() -> other.open("row", sealed))
                .hasMessageContaining("sealed with " + sealed.substring(0, sealed.indexOf(':')))
                .hasMessageContaining("test.key is " + other.currentKeyId())
                .hasMessageContaining("./nexid reset");
    }

    @Test
    void valuesSealedBeforeKeyIdsOpenWithWhicheverConfiguredKeySealedThem() throws Exception {
        var legacy = legacySeal(OLD, "row", "secret");
        assertThat(legacy).doesNotContain(":");

        assertThat(new AesGcmSealer(NEW, List.of(OLD), "test.key").open("row", legacy))
                .isEqualTo("secret");
        assertThatThrownBy(() -> new AesGcmSealer(NEW, "test.key").open("row", legacy))
                .hasMessageContaining("sealed before key ids");
    }

    @Test
    void keysMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> new AesGcmSealer("c2hvcnQ=", "test.key")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new AesGcmSealer(OLD, List.of("not base64!"), "test.key"))
                .hasMessageContaining("32 bytes");
    }

    /** The format before key ids: base64(iv | ciphertext), no key named. */
    private static String legacySeal(String key, String context, String plain) throws Exception {
        var iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
                new GCMParameterSpec(128, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        var sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        var out = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }

    static String newKey() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
