package io.nexidentity.token.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;

import io.nexidentity.events.tenant.Directory.PageBranding;
import io.nexidentity.runtime.security.Caller;
import io.nexidentity.token.issuer.TenantIssuer;

/**
 * The hosted pages, rendered on the server from Qute templates ({@code templates/pages}, which escape every value):
 * plain HTML forms that work without JavaScript and with the keyboard alone, never cached, never framed. Each page names the tenant (as it brands itself) and the application
 * the person is signing in to, in the person's language ({@link PageText}). A tenant's colour and logo come in only in
 * the shapes the tenant-service validated, checked again here: a {@code #rrggbb} colour and an https URL.
 */
public final class Pages {

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");
    private static final String STYLE = "*{box-sizing:border-box}"
            + "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;background:#f3f4f6;"
            + "color:#111827;line-height:1.5}"
            + "main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.5rem;"
            + "box-shadow:0 1px 3px rgba(0,0,0,.2)}"
            + "@media (max-width:30rem){main{margin:0;border-radius:0;box-shadow:none;min-height:100vh}}"
            + "header{display:flex;align-items:center;gap:.75rem;margin-bottom:.5rem}"
            + "header img{max-height:2.5rem;max-width:8rem}.tenant{font-weight:600;font-size:1.1rem}"
            + "h1{font-size:1.5rem;margin:.5rem 0 1rem}label{display:block;font-weight:600;margin-top:1rem}"
            + "input,button{font:inherit}"
            + "input{display:block;width:100%;padding:.65rem;font-size:1rem;border:1px solid #6b7280;"
            + "border-radius:.25rem;margin-top:.25rem}"
            + "button{display:block;width:100%;padding:.7rem;font-size:1rem;margin-top:1rem;border-radius:.25rem;"
            + "border:2px solid var(--primary);cursor:pointer}"
            + ".primary{background:var(--primary);color:#fff}.secondary{background:#fff;color:var(--primary)}"
            + "a{color:var(--primary)}:focus-visible{outline:3px solid #111827;outline-offset:2px}"
            + ".error{color:#b91c1c;background:#fef2f2;border-left:4px solid #b91c1c;padding:.5rem .75rem}"
            + ".warning{color:#92400e;background:#fffbeb;border-left:4px solid #b45309;padding:.5rem .75rem}"
            + ".links{margin-top:1rem}footer{margin-top:1.5rem;font-size:.9rem;color:#4b5563}"
            + "code{font-size:1.1rem;font-weight:600;letter-spacing:.1em}";

    private Pages() {}

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance signIn(
                Layout page,
                PageText text,
                String destination,
                String tenantName,
                String error,
                String requestId,
                String requestIdInUrl,
                String csrf,
                String username,
                String focus);

        static native TemplateInstance recover(
                Layout page,
                PageText text,
                String tenantName,
                String error,
                String requestId,
                String requestIdInUrl,
                String csrf);

        static native TemplateInstance recoverySent(Layout page, PageText text, String requestIdInUrl, String email);

        static native TemplateInstance reset(Layout page, PageText text, String error, String token);

        static native TemplateInstance deviceCode(Layout page, PageText text, String error);

        static native TemplateInstance deviceDecision(
                Layout page,
                PageText text,
                String destination,
                String tenantName,
                String error,
                String userCode,
                String scope,
                boolean adminSignIn,
                String csrf,
                boolean signInNeeded,
                String focus);

        static native TemplateInstance confirmSignOut(
                Layout page,
                PageText text,
                String tenantName,
                String clientId,
                String redirectUri,
                String state,
                String csrf);

        static native TemplateInstance message(Layout page, String heading, String body, String role);
    }

    /**
     * What every page shows around its content: the language, the title, the tenant's name, colour, logo and help;
     * {@code base} is the path of the tenant's issuer, under which the forms post.
     */
    @TemplateData
    record Layout(
            String base,
            String language,
            String title,
            String tenantName,
            RawString style,
            String logo,
            String support,
            String supportText) {}

    public static void signIn(
            RoutingContext context,
            Frame frame,
            int status,
            String requestId,
            String csrf,
            String username,
            String errorKey) {
        var text = frame.text();
        send(
                context,
                frame,
                status,
                Templates.signIn(
                        layout(context, frame, "signIn.title"),
                        text,
                        frame.destination(),
                        frame.tenantName(),
                        error(text, errorKey),
                        requestId,
                        encode(requestId),
                        csrf,
                        username,
                        errorKey == null ? "username" : "password"));
    }

    /** "Forgot password": asks for the account's email, inside a pending authorization request. */
    public static void recover(
            RoutingContext context, Frame frame, int status, String requestId, String csrf, String errorKey) {
        var text = frame.text();
        send(
                context,
                frame,
                status,
                Templates.recover(
                        layout(context, frame, "recover.title"),
                        text,
                        frame.tenantName(),
                        error(text, errorKey),
                        requestId,
                        encode(requestId),
                        csrf));
    }

    /** The same answer whether or not the account exists. */
    public static void recoverySent(RoutingContext context, Frame frame, String requestId, String email) {
        send(
                context,
                frame,
                200,
                Templates.recoverySent(
                        layout(context, frame, "recover.title"), frame.text(), encode(requestId), email));
    }

    /** The page a recovery link opens: a new password for the account. */
    public static void reset(RoutingContext context, Frame frame, int status, String token, String errorKey) {
        send(
                context,
                frame,
                status,
                Templates.reset(
                        layout(context, frame, "reset.title"), frame.text(), error(frame.text(), errorKey), token));
    }

    public static void resetDone(RoutingContext context, Frame frame) {
        message(context, frame, 200, "reset.title", "reset.done.heading", "reset.done.body", "status");
    }

    /** The device verification page: asks for the user code. */
    public static void deviceCode(RoutingContext context, Frame frame, int status, String errorKey) {
        send(
                context,
                frame,
                status,
                Templates.deviceCode(
                        layout(context, frame, "device.title"), frame.text(), error(frame.text(), errorKey)));
    }

    /**
     * The device verification page for a valid code: approve or deny, after signing in when the browser has no session
     * of the device's tenant.
     */
    public static void deviceDecision(
            RoutingContext context,
            Frame frame,
            int status,
            String userCode,
            String scope,
            String csrf,
            boolean signInNeeded,
            String errorKey) {
        var text = frame.text();
        send(
                context,
                frame,
                status,
                Templates.deviceDecision(
                        layout(context, frame, "device.title"),
                        text,
                        frame.destination(),
                        frame.tenantName(),
                        error(text, errorKey),
                        userCode,
                        scope,
                        Arrays.asList(scope.split(" ")).contains(Caller.ADMIN_SCOPE),
                        csrf,
                        signInNeeded,
                        errorKey == null ? null : "username"));
    }

    public static void deviceDone(RoutingContext context, Frame frame, boolean approved) {
        var outcome = approved ? "device.approved" : "device.denied";
        message(context, frame, 200, "device.title", outcome + ".heading", outcome + ".body", null);
    }

    /** An error page in the request's language, before any tenant is known. */
    public static void error(RoutingContext context, int status, String messageKey) {
        error(context, Frame.plain(PageText.of(context, null)), status, messageKey);
    }

    public static void error(RoutingContext context, Frame frame, int status, String messageKey) {
        message(context, frame, status, "error.title", "error.heading", messageKey, "alert");
    }

    /** Asks before signing out: a sign-out request without a valid ID token hint may come from any page. */
    public static void confirmSignOut(
            RoutingContext context, Frame frame, String clientId, String redirectUri, String state, String csrf) {
        send(
                context,
                frame,
                200,
                Templates.confirmSignOut(
                        layout(context, frame, "signOut.title"),
                        frame.text(),
                        frame.tenantName(),
                        clientId,
                        redirectUri,
                        state,
                        csrf));
    }

    public static void signedOut(RoutingContext context, Frame frame) {
        message(context, frame, 200, "signedOut.title", "signedOut.heading", "signedOut.body", null);
    }

    private static void message(
            RoutingContext context,
            Frame frame,
            int status,
            String titleKey,
            String headingKey,
            String bodyKey,
            String role) {
        var text = frame.text();
        send(
                context,
                frame,
                status,
                Templates.message(layout(context, frame, titleKey), text.get(headingKey), text.get(bodyKey), role));
    }

    private static String error(PageText text, String errorKey) {
        return errorKey == null ? null : text.get(errorKey);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Layout layout(RoutingContext context, Frame frame, String titleKey) {
        var text = frame.text();
        var branding = frame.branding();
        var colour = branding == null ? null : branding.effectivePrimaryColour();
        var logo = branding == null ? null : branding.logoUrl();
        var support = branding == null ? null : branding.supportUrl();
        return new Layout(
                TenantIssuer.find(context).map(TenantIssuer::path).orElse(""),
                text.language(),
                text.get(titleKey),
                frame.tenantName(),
                new RawString(":root{--primary:"
                        + (colour != null && COLOUR.matcher(colour).matches()
                                ? colour
                                : PageBranding.DEFAULT_PRIMARY_COLOUR)
                        + "}" + STYLE),
                logo != null && logo.startsWith("https://") ? logo : null,
                support != null && (support.startsWith("https://") || support.startsWith("mailto:")) ? support : null,
                text.get("support.link", frame.tenantName()));
    }

    private static void send(RoutingContext context, Frame frame, int status, TemplateInstance page) {
        var html = page.render();
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Content-Language", frame.text().language())
                .putHeader("Cache-Control", "no-store")
                .putHeader("Pragma", "no-cache")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src https:; base-uri 'none';"
                                + " frame-ancestors 'none'")
                .end(html);
    }
}
