package io.nexidentity.token.mtls;

import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.endpoint.OAuthRoutes;

/**
 * The mutual-TLS endpoint aliases (RFC 8705 section 5): a TLS listener of its own that requests a certificate from
 * every client. The handshake accepts any certificate; which one a client must present is decided per client by its
 * registered authentication method, and the certificate is only trusted for what the client proved in the handshake:
 * possession of its private key.
 */
@Startup
@ApplicationScoped
public class MtlsListener {

    private static final Logger LOG = Logger.getLogger(MtlsListener.class);

    private final TokenConfig.Mtls config;
    private final Vertx vertx;
    private final OAuthRoutes routes;
    private final URI issuer;
    private HttpServer server;

    MtlsListener(
            TokenConfig config, Vertx vertx, OAuthRoutes routes, @ConfigProperty(name = "nexid.issuer") URI issuer) {
        this.config = config.mtls();
        this.vertx = vertx;
        this.routes = routes;
        this.issuer = issuer;
    }

    @PostConstruct
    void start() throws Exception {
        if (!config.enabled()) {
            return;
        }
        var certificate = config.certificate()
                .orElseThrow(() -> new IllegalStateException("nexid.token.mtls.certificate is required"));
        var privateKey = config.privateKey()
                .orElseThrow(() -> new IllegalStateException("nexid.token.mtls.private-key is required"));
        var options = new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(
                        new PemKeyCertOptions().setCertPath(certificate).setKeyPath(privateKey))
                .setTrustOptions(TrustOptions.wrap(new AnyClientCertificate()))
                .setClientAuth(ClientAuth.REQUEST);
        var router = Router.router(vertx);
        routes.mtlsAliases(router);
        server = vertx.createHttpServer(options).requestHandler(request -> {
            VertxContextSafetyToggle.setCurrentContextSafe(true);
            router.handle(request);
        });
        server.listen(config.port(), config.host())
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        LOG.infof("mutual-TLS endpoints listening on %s:%d", config.host(), server.actualPort());
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    public boolean enabled() {
        return server != null;
    }

    /** Where clients reach the mutual-TLS endpoints. */
    public String baseUrl() {
        return config.baseUrl().orElseGet(() -> "https://" + issuer.getHost() + ":" + server.actualPort());
    }

    /**
     * Accepts every client certificate in the handshake and names no acceptable issuers, so that clients send
     * self-signed certificates too; the client authentication methods verify what was presented.
     */
    private static final class AnyClientCertificate implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the listener is a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
