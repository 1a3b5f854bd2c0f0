package io.nexidentity.token.key;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jca.JCAAware;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import io.quarkus.runtime.Startup;
import org.jboss.logging.Logger;

import io.nexidentity.token.config.TokenConfig;

/**
 * Who computes token signatures: Amazon Corretto Crypto Provider (AWS-LC, native code shipped in its jar) where it
 * loads and passes its self-tests, else the JDK's own providers. Signing is most of the cost of issuing a token, and
 * the native code signs RS256 about 4 times and ES256 some 20 times as fast as JDK 17's (through nimbus-jose-jwt).
 * EdDSA (Ed25519) is computed by Tink, as nimbus-jose-jwt does it.
 */
@ApplicationScoped
@Startup // loading the native code takes a while: at start, not on an event loop at the first token
public class SignatureProvider {

    private static final Logger LOG = Logger.getLogger(SignatureProvider.class);

    private final Optional<Provider> provider;

    @Inject
    SignatureProvider(TokenConfig config) {
        this(config.keys().nativeCrypto());
    }

    SignatureProvider(boolean nativeCrypto) {
        this.provider = nativeCrypto ? loaded() : Optional.empty();
        LOG.infof(
                "token signatures are computed by %s",
                provider.map(Provider::getName).orElse("the JDK's providers"));
    }

    /**
     * A signer for {@code key}. Its private key is handed to the provider in the provider's own form: translating a
     * JDK key object anew for every signature took longer than the signature itself.
     */
    JWSSigner signer(JWK key) throws JOSEException {
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Signer(okp);
        }
        if (key instanceof RSAKey rsa) {
            return applyTo(new RSASSASigner((PrivateKey) translated(rsa.toPrivateKey(), "RSA")));
        }
        var ec = (ECKey) key;
        return applyTo(new ECDSASigner((PrivateKey) translated(ec.toPrivateKey(), "EC"), ec.getCurve()));
    }

    /** A verifier for the public {@code key}, its key in the provider's own form. */
    JWSVerifier verifier(JWK key) throws JOSEException {
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Verifier(okp);
        }
        if (key instanceof RSAKey rsa) {
            return applyTo(new RSASSAVerifier((RSAPublicKey) translated(rsa.toPublicKey(), "RSA")));
        }
        return applyTo(new ECDSAVerifier((ECPublicKey) translated(((ECKey) key).toPublicKey(), "EC")));
    }

    private Key translated(Key key, String algorithm) throws JOSEException {
        if (provider.isEmpty()) {
            return key;
        }
        try {
            return KeyFactory.getInstance(algorithm, provider.get()).translateKey(key);
        } catch (GeneralSecurityException e) {
            throw new JOSEException(
                    "the key cannot be used by " + provider.get().getName(), e);
        }
    }

    private <T extends JCAAware<JCAContext>> T applyTo(T jose) {
        provider.ifPresent(jose.getJCAContext()::setProvider);
        return jose;
    }

    Optional<Provider> provider() {
        return provider;
    }

    private static Optional<Provider> loaded() {
        var accp = AmazonCorrettoCryptoProvider.INSTANCE;
        if (accp.getLoadingError() != null) {
            LOG.warnf(
                    "native crypto is not available on this machine (%s): the JDK's providers sign tokens",
                    accp.getLoadingError().toString());
            return Optional.empty();
        }
        try {
            accp.assertHealthy();
            return Optional.of(accp);
        } catch (RuntimeException e) {
            LOG.warnf("native crypto failed its self-tests (%s): the JDK's providers sign tokens", e.toString());
            return Optional.empty();
        }
    }
}
