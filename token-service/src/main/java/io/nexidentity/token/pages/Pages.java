package io.nexidentity.token.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.vertx.ext.web.RoutingContext;

import io.nexidentity.events.tenant.Directory.PageBranding;

/**
 * The hosted pages, rendered on the server: plain HTML forms that work without JavaScript and with the keyboard alone,
 * never cached, never framed, every value escaped. Each page names the tenant (as it brands itself) and the application
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
            + ".links{margin-top:1rem}footer{margin-top:1.5rem;font-size:.9rem;color:#4b5563}"
            + "code{font-size:1.1rem;font-weight:600;letter-spacing:.1em}";

    private Pages() {}

    public static void signIn(
            RoutingContext context,
            Frame frame,
            int status,
            String requestId,
            String csrf,
            String username,
            String errorKey) {
        var text = frame.text();
        var body = "<h1>" + escape(text.get("signIn.heading", frame.destination())) + "</h1>"
                + "<p>" + escape(text.get("signIn.account", frame.tenantName())) + "</p>"
                + alert(frame, errorKey)
                + "<form method=\"post\" action=\"/authorize/sign-in\">"
                + hidden("request_id", requestId)
                + hidden("csrf_token", csrf)
                + hidden("ui_locales", text.language())
                + credentials(text, username, errorKey == null ? "username" : "password")
                + "<button class=\"primary\" type=\"submit\">" + escape(text.get("signIn.submit")) + "</button>"
                + "<button class=\"secondary\" type=\"submit\" name=\"cancel\" value=\"cancel\" formnovalidate>"
                + escape(text.get("action.cancel")) + "</button></form>"
                + "<p class=\"links\"><a href=\"/authorize/recover?request_id=" + escape(encode(requestId))
                + "&amp;ui_locales=" + escape(text.language()) + "\">" + escape(text.get("signIn.forgot"))
                + "</a></p>";
        send(context, frame, status, text.get("signIn.title"), body);
    }

    /** "Forgot password": asks for the account's email, inside a pending authorization request. */
    public static void recover(
            RoutingContext context, Frame frame, int status, String requestId, String csrf, String errorKey) {
        var text = frame.text();
        send(
                context,
                frame,
                status,
                text.get("recover.title"),
                "<h1>" + escape(text.get("recover.title")) + "</h1>"
                        + "<p>" + escape(text.get("recover.intro", frame.tenantName())) + "</p>"
                        + alert(frame, errorKey)
                        + "<form method=\"post\" action=\"/authorize/recover\">"
                        + hidden("request_id", requestId)
                        + hidden("csrf_token", csrf)
                        + hidden("ui_locales", text.language())
                        + "<label for=\"email\">" + escape(text.get("field.email")) + "</label>"
                        + "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required"
                        + " autofocus>"
                        + "<button class=\"primary\" type=\"submit\">" + escape(text.get("recover.submit"))
                        + "</button></form>" + backToSignIn(text, requestId));
    }

    /** The same answer whether or not the account exists. */
    public static void recoverySent(RoutingContext context, Frame frame, String requestId, String email) {
        var text = frame.text();
        send(
                context,
                frame,
                200,
                text.get("recover.title"),
                "<h1>" + escape(text.get("recover.title")) + "</h1><p role=\"status\">"
                        + escape(text.get("recover.sent", email)) + "</p>" + backToSignIn(text, requestId));
    }

    /** The page a recovery link opens: a new password for the account. */
    public static void reset(RoutingContext context, Frame frame, int status, String token, String errorKey) {
        var text = frame.text();
        send(
                context,
                frame,
                status,
                text.get("reset.title"),
                "<h1>" + escape(text.get("reset.title")) + "</h1>"
                        + alert(frame, errorKey)
                        + "<form method=\"post\" action=\"/authorize/reset\">"
                        + hidden("token", token)
                        + hidden("ui_locales", text.language())
                        + "<label for=\"new_password\">" + escape(text.get("reset.label")) + "</label>"
                        + "<input id=\"new_password\" name=\"new_password\" type=\"password\""
                        + " autocomplete=\"new-password\" required autofocus>"
                        + "<button class=\"primary\" type=\"submit\">" + escape(text.get("reset.submit"))
                        + "</button></form>");
    }

    public static void resetDone(RoutingContext context, Frame frame) {
        var text = frame.text();
        send(
                context,
                frame,
                200,
                text.get("reset.title"),
                "<h1>" + escape(text.get("reset.done.heading")) + "</h1><p role=\"status\">"
                        + escape(text.get("reset.done.body")) + "</p>");
    }

    private static String backToSignIn(PageText text, String requestId) {
        return "<p class=\"links\"><a href=\"/authorize/sign-in?request_id=" + escape(encode(requestId))
                + "&amp;ui_locales=" + escape(text.language()) + "\">" + escape(text.get("recover.back"))
                + "</a></p>";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The device verification page: asks for the user code. */
    public static void deviceCode(RoutingContext context, Frame frame, int status, String errorKey) {
        var text = frame.text();
        send(
                context,
                frame,
                status,
                text.get("device.title"),
                "<h1>" + escape(text.get("device.title")) + "</h1>"
                        + alert(frame, errorKey)
                        + "<form method=\"get\" action=\"/device\">"
                        + hidden("ui_locales", text.language())
                        + "<label for=\"user_code\">" + escape(text.get("device.codeLabel")) + "</label>"
                        + "<input id=\"user_code\" name=\"user_code\" autocomplete=\"off\" autocapitalize=\"characters\""
                        + " spellcheck=\"false\" required autofocus>"
                        + "<button class=\"primary\" type=\"submit\">" + escape(text.get("device.continue"))
                        + "</button></form>");
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
        var credentials = signInNeeded ? credentials(text, null, errorKey == null ? null : "username") : "";
        send(
                context,
                frame,
                status,
                text.get("device.title"),
                "<h1>" + escape(text.get("device.title")) + "</h1>"
                        + alert(frame, errorKey)
                        + "<p>" + escape(text.get("device.request", frame.destination(), frame.tenantName()))
                        + "</p><p><code>" + escape(userCode) + "</code></p>"
                        + "<p>" + escape(text.get("device.scopes", scope)) + "</p>"
                        + "<form method=\"post\" action=\"/device\">"
                        + hidden("user_code", userCode)
                        + hidden("csrf_token", csrf)
                        + hidden("ui_locales", text.language())
                        + credentials
                        + "<button class=\"primary\" type=\"submit\" name=\"decision\" value=\"approve\">"
                        + escape(text.get("device.allow")) + "</button>"
                        + "<button class=\"secondary\" type=\"submit\" name=\"decision\" value=\"deny\" formnovalidate>"
                        + escape(text.get("device.deny")) + "</button></form>");
    }

    public static void deviceDone(RoutingContext context, Frame frame, boolean approved) {
        var text = frame.text();
        var outcome = approved ? "device.approved" : "device.denied";
        send(
                context,
                frame,
                200,
                text.get("device.title"),
                "<h1>" + escape(text.get(outcome + ".heading")) + "</h1><p>" + escape(text.get(outcome + ".body"))
                        + "</p>");
    }

    /** An error page in the request's language, before any tenant is known. */
    public static void error(RoutingContext context, int status, String messageKey) {
        error(context, Frame.plain(PageText.of(context, null)), status, messageKey);
    }

    public static void error(RoutingContext context, Frame frame, int status, String messageKey) {
        var text = frame.text();
        send(
                context,
                frame,
                status,
                text.get("error.title"),
                "<h1>" + escape(text.get("error.heading")) + "</h1><p role=\"alert\">" + escape(text.get(messageKey))
                        + "</p>");
    }

    /** Asks before signing out: a sign-out request without a valid ID token hint may come from any page. */
    public static void confirmSignOut(
            RoutingContext context, Frame frame, String clientId, String redirectUri, String state, String csrf) {
        var text = frame.text();
        var stay = redirectUri == null
                ? ""
                : "<p class=\"links\"><a href=\"" + escape(redirectUri) + "\">" + escape(text.get("signOut.stay"))
                        + "</a></p>";
        send(
                context,
                frame,
                200,
                text.get("signOut.title"),
                "<h1>" + escape(text.get("signOut.heading")) + "</h1><p>"
                        + escape(text.get("signOut.body", frame.tenantName())) + "</p>"
                        + "<form method=\"post\" action=\"/logout\">"
                        + hidden("client_id", clientId)
                        + hidden("post_logout_redirect_uri", redirectUri)
                        + hidden("state", state)
                        + hidden("csrf_token", csrf)
                        + hidden("ui_locales", text.language())
                        + "<button class=\"primary\" type=\"submit\">" + escape(text.get("signOut.submit"))
                        + "</button></form>" + stay);
    }

    public static void signedOut(RoutingContext context, Frame frame) {
        var text = frame.text();
        send(
                context,
                frame,
                200,
                text.get("signedOut.title"),
                "<h1>" + escape(text.get("signedOut.heading")) + "</h1><p>" + escape(text.get("signedOut.body"))
                        + "</p>");
    }

    /** The email and password fields; {@code focus} names the one to focus first ({@code null}: none). */
    private static String credentials(PageText text, String username, String focus) {
        return "<label for=\"username\">" + escape(text.get("field.email")) + "</label>"
                + "<input id=\"username\" name=\"username\" type=\"email\" autocomplete=\"username\" required"
                + ("username".equals(focus) ? " autofocus" : "") + " value=\""
                + escape(username == null ? "" : username)
                + "\">"
                + "<label for=\"password\">" + escape(text.get("field.password")) + "</label>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\""
                + " required" + ("password".equals(focus) ? " autofocus" : "") + ">";
    }

    private static String alert(Frame frame, String errorKey) {
        return errorKey == null
                ? ""
                : "<p class=\"error\" role=\"alert\">" + escape(frame.text().get(errorKey)) + "</p>";
    }

    private static String hidden(String name, String value) {
        return value == null ? "" : "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static void send(RoutingContext context, Frame frame, int status, String title, String main) {
        var text = frame.text();
        var branding = frame.branding();
        var colour = branding == null ? null : branding.effectivePrimaryColour();
        var logo = branding == null ? null : branding.logoUrl();
        var support = branding == null ? null : branding.supportUrl();
        var header = "<header>"
                + (logo != null && logo.startsWith("https://") ? "<img src=\"" + escape(logo) + "\" alt=\"\">" : "")
                + "<span class=\"tenant\">" + escape(frame.tenantName()) + "</span></header>";
        var footer = support != null && (support.startsWith("https://") || support.startsWith("mailto:"))
                ? "<footer><a href=\"" + escape(support) + "\">" + escape(text.get("support.link", frame.tenantName()))
                        + "</a></footer>"
                : "";
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Content-Language", text.language())
                .putHeader("Cache-Control", "no-store")
                .putHeader("Pragma", "no-cache")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src https:; base-uri 'none';"
                                + " frame-ancestors 'none'")
                .end("<!DOCTYPE html><html lang=\"" + escape(text.language()) + "\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>"
                        + escape(title + " · " + frame.tenantName()) + "</title><style>:root{--primary:"
                        + (colour != null && COLOUR.matcher(colour).matches()
                                ? colour
                                : PageBranding.DEFAULT_PRIMARY_COLOUR)
                        + "}" + STYLE
                        + "</style></head><body><main>" + header + main + footer + "</main></body></html>");
    }

    static String escape(String text) {
        var escaped = new StringBuilder(text.length() + 16);
        for (var c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
