package io.nexidentity.token.authorize;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.nexidentity.events.tenant.Directory.RecoveryCompletion;
import io.nexidentity.events.tenant.Directory.RecoveryLink;
import io.nexidentity.events.tenant.Directory.RecoveryRequest;
import io.nexidentity.events.tenant.Directory.RecoveryTicket;
import io.nexidentity.runtime.internal.InternalApi;
import io.nexidentity.runtime.limit.AttemptLimiter;
import io.nexidentity.runtime.net.ClientAddress;
import io.nexidentity.runtime.net.ClientAddresses;
import io.nexidentity.token.client.ClientRegistry;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.pages.Frame;
import io.nexidentity.token.pages.PageFrames;
import io.nexidentity.token.pages.PageText;
import io.nexidentity.token.pages.Pages;

/**
 * "Forgot password" on the hosted pages. {@code /authorize/recover} (inside a pending authorization request) asks the
 * tenant-service to mail a recovery link and always gives the same answer; {@code /authorize/reset} is where the link
 * leads: a new password, set once. The link is built from the tenant's issuer (the configured base URL and the
 * slug), never from the request's Host header, so a forged Host cannot send links that lead elsewhere. {@code GET /authorize/sign-in} shows a pending request's
 * sign-in page again (the way back).
 */
@ApplicationScoped
public class PasswordRecoveryPages {

    private static final Logger LOG = Logger.getLogger(PasswordRecoveryPages.class);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    private static final Duration WINDOW = Duration.ofHours(1);

    private final AuthorizationRequests requests;
    private final ClientRegistry clients;
    private final PageFrames frames;
    private final AuthorizeEndpoint authorize;
    private final InternalApi internalApi;
    private final ClientAddresses addresses;
    private final AttemptLimiter limiter;
    private final TokenConfig config;
    private final String tenantServiceUrl;

    PasswordRecoveryPages(
            AuthorizationRequests requests,
            ClientRegistry clients,
            PageFrames frames,
            AuthorizeEndpoint authorize,
            InternalApi internalApi,
            ClientAddresses addresses,
            AttemptLimiter limiter,
            TokenConfig config,
            @ConfigProperty(name = "nexid.services.tenant-service.url") String tenantServiceUrl) {
        this.requests = requests;
        this.clients = clients;
        this.frames = frames;
        this.authorize = authorize;
        this.internalApi = internalApi;
        this.addresses = addresses;
        this.limiter = limiter;
        this.config = config;
        this.tenantServiceUrl = tenantServiceUrl;
    }

    /** {@code GET /authorize/sign-in?request_id=}: the sign-in page of a pending request, again. */
    public void signInAgain(RoutingContext context) {
        var params = context.request().params();
        pending(context, params.get("request_id"), params.get("ui_locales"), (request, frame) -> {
            Pages.signIn(context, frame, 200, request.id(), request.csrfToken(), request.loginHint(), null);
            return Uni.createFrom().voidItem();
        });
    }

    /** {@code GET|POST /authorize/recover}: the form, then the request for a link. */
    public void recover(RoutingContext context) {
        var post = context.request().method() == HttpMethod.POST;
        var params =
                post ? context.request().formAttributes() : context.request().params();
        pending(context, params.get("request_id"), params.get("ui_locales"), (request, frame) -> {
            if (!post) {
                Pages.recover(context, frame, 200, request.id(), request.csrfToken(), null);
                return Uni.createFrom().voidItem();
            }
            if (!authorize.csrf().verified(context, params.get("csrf_token"), request.csrfToken())) {
                Pages.error(context, frame, 403, "error.formNotVerified");
                return Uni.createFrom().voidItem();
            }
            var email = params.get("email");
            if (email == null
                    || email.isBlank()
                    || email.length() > 320
                    || CONTROL.matcher(email).find()) {
                Pages.recover(context, frame, 400, request.id(), request.csrfToken(), "recover.invalidEmail");
                return Uni.createFrom().voidItem();
            }
            var address = addresses.of(context.request());
            return limiter.reserve(
                            new TreeMap<>(
                                    Map.of("recover:" + address.throttleKey(), config.recoveryRequestsPerAddress())),
                            WINDOW)
                    .flatMap(reserved -> reserved.isEmpty()
                            // the same answer: whether the address or the account is throttled, nothing is said
                            ? Uni.createFrom().voidItem()
                            : ask(TenantIssuer.of(context), request, frame, email.strip(), address))
                    .invoke(() -> Pages.recoverySent(context, frame, request.id(), email.strip()));
        });
    }

    private Uni<Void> ask(
            TenantIssuer issuer, AuthorizationRequest request, Frame frame, String email, ClientAddress address) {
        return internalApi
                .exchange(
                        tenantServiceUrl,
                        new RecoveryRequest(
                                email,
                                request.clientId(),
                                issuer.endpoint("/authorize/reset"),
                                frame.text().language(),
                                address.text(),
                                address.throttleKey()),
                        Void.class,
                        "/internal/v1/tenants/{}/password-recoveries",
                        request.tenantId())
                .invoke(answer -> {
                    if (answer.status() / 100 == 4) {
                        LOG.warnf("the tenant-service refused a recovery request: %d", answer.status());
                    } else if (answer.status() != 202) {
                        throw new IllegalStateException("the tenant-service answered " + answer.status());
                    }
                })
                .replaceWithVoid();
    }

    /** {@code GET|POST /authorize/reset}: where a recovery link leads. */
    public void reset(RoutingContext context) {
        var post = context.request().method() == HttpMethod.POST;
        var params =
                post ? context.request().formAttributes() : context.request().params();
        var plain = Frame.plain(PageText.of(context, params.get("ui_locales")));
        var token = params.get("token");
        if (token == null || token.length() > 100) {
            Pages.error(context, plain, 400, "reset.invalid");
            return;
        }
        internalApi
                .exchange(
                        tenantServiceUrl,
                        post ? new RecoveryCompletion(token, params.get("new_password")) : new RecoveryLink(token),
                        RecoveryTicket.class,
                        post
                                ? "/internal/v1/password-recoveries/completions"
                                : "/internal/v1/password-recoveries/inspections")
                .flatMap(answer -> {
                    if (answer.status() / 100 == 4 && !(answer.status() == 400 && post)) {
                        // unknown, spent or expired link, or an account that can no longer be recovered
                        Pages.error(context, plain, 400, "reset.invalid");
                        return Uni.createFrom().voidItem();
                    }
                    if (answer.status() == 400) {
                        return inspect(token)
                                .flatMap(ticket -> frameOf(context, ticket, params.get("ui_locales"))
                                        .invoke(frame -> Pages.reset(context, frame, 400, token, "reset.weak"))
                                        .replaceWithVoid());
                    }
                    if (answer.status() != 200) {
                        throw new IllegalStateException("the tenant-service answered " + answer.status());
                    }
                    return frameOf(context, Optional.of(answer.body()), params.get("ui_locales"))
                            .invoke(frame -> {
                                if (post) {
                                    Pages.resetDone(context, frame);
                                } else {
                                    Pages.reset(context, frame, 200, token, null);
                                }
                            })
                            .replaceWithVoid();
                })
                .replaceWithVoid()
                .subscribe()
                .with(done -> {}, failure -> {
                    LOG.error("password reset failed", failure);
                    Pages.error(context, plain, 503, "error.unavailable");
                });
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOld() {
        return limiter.forget("recover:", WINDOW);
    }

    private Uni<Optional<RecoveryTicket>> inspect(String token) {
        return internalApi
                .exchange(
                        tenantServiceUrl,
                        new RecoveryLink(token),
                        RecoveryTicket.class,
                        "/internal/v1/password-recoveries/inspections")
                .map(answer -> Optional.ofNullable(answer.status() == 200 ? answer.body() : null));
    }

    private Uni<Frame> frameOf(RoutingContext context, Optional<RecoveryTicket> ticket, String uiLocales) {
        var plain = Uni.createFrom().item(Frame.plain(PageText.of(context, uiLocales)));
        if (ticket.isEmpty()) {
            return plain;
        }
        return clients.find(ticket.get().clientId())
                .flatMap(client -> client.filter(
                                c -> c.tenantId().equals(ticket.get().tenantId()))
                        .map(c -> frames.forClient(context, c, uiLocales))
                        .orElse(plain));
    }

    /** Runs {@code page} for a pending authorization request, or shows why there is none. */
    private void pending(RoutingContext context, String requestId, String uiLocales, PendingPage page) {
        var plain = Frame.plain(PageText.of(context, uiLocales));
        if (requestId == null || requestId.length() > 100) {
            Pages.error(context, plain, 400, "error.formIncomplete");
            return;
        }
        requests.find(requestId)
                // a request made at another tenant's issuer is not pending here
                .map(found -> found.filter(
                        r -> r.tenantId().equals(TenantIssuer.of(context).tenantId())))
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        Pages.error(context, plain, 400, "error.signInExpired");
                        return Uni.createFrom().voidItem();
                    }
                    var request = found.get();
                    if (!authorize.csrf().verified(context, request.csrfToken(), null)) {
                        // only the browser the request was started in (it holds the request's cookie)
                        Pages.error(context, plain, 403, "error.formNotVerified");
                        return Uni.createFrom().voidItem();
                    }
                    return clients.find(request.clientId()).flatMap(client -> {
                        if (client.isEmpty()) {
                            Pages.error(context, plain, 400, "error.unknownClient");
                            return Uni.createFrom().voidItem();
                        }
                        return frames.forClient(context, client.get(), uiLocales)
                                .flatMap(frame -> page.show(request, frame));
                    });
                })
                .subscribe()
                .with(done -> {}, failure -> {
                    LOG.error("recovery page failed", failure);
                    Pages.error(context, plain, 503, "error.unavailable");
                });
    }

    @FunctionalInterface
    private interface PendingPage {
        Uni<Void> show(AuthorizationRequest request, Frame frame);
    }
}
