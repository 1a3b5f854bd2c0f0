package io.nexidentity.token.authorize;

import io.vertx.ext.web.RoutingContext;

/**
 * The hosted pages, rendered on the server: plain HTML forms that work without JavaScript, never cached, never framed,
 * every value escaped.
 */
public final class Pages {

    private static final String STYLE =
            "body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}"
                    + "label,input,button{display:block;width:100%;box-sizing:border-box;margin:.4rem 0}"
                    + "input,button{padding:.6rem;font-size:1rem}.error{color:#a00}";

    private Pages() {}

    public static void signIn(
            RoutingContext context, int status, String requestId, String csrf, String username, String error) {
        var body = "<h1>Sign in</h1>"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"/authorize/sign-in\">"
                + "<input type=\"hidden\" name=\"request_id\" value=\"" + escape(requestId) + "\">"
                + "<input type=\"hidden\" name=\"csrf_token\" value=\"" + escape(csrf) + "\">"
                + "<label for=\"username\">Email</label>"
                + "<input id=\"username\" name=\"username\" type=\"email\" autocomplete=\"username\" required value=\""
                + escape(username == null ? "" : username) + "\">"
                + "<label for=\"password\">Password</label>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
                + "<button type=\"submit\">Sign in</button></form>";
        send(context, status, "Sign in", body);
    }

    /** The device verification page: asks for the user code. */
    public static void deviceCode(RoutingContext context, int status, String error) {
        send(
                context,
                status,
                "Connect a device",
                "<h1>Connect a device</h1>"
                        + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>")
                        + "<form method=\"get\" action=\"/device\"><label for=\"user_code\">Code shown on your device</label>"
                        + "<input id=\"user_code\" name=\"user_code\" autocomplete=\"off\" required>"
                        + "<button type=\"submit\">Continue</button></form>");
    }

    /**
     * The device verification page for a valid code: approve or deny, after signing in when the browser has no session
     * of the device's tenant.
     */
    public static void deviceDecision(
            RoutingContext context,
            int status,
            String userCode,
            String clientId,
            String scope,
            String csrf,
            boolean signInNeeded,
            String error) {
        var credentials = signInNeeded
                ? "<label for=\"username\">Email</label>"
                        + "<input id=\"username\" name=\"username\" type=\"email\" autocomplete=\"username\" required>"
                        + "<label for=\"password\">Password</label>"
                        + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\""
                        + " required>"
                : "";
        send(
                context,
                status,
                "Connect a device",
                "<h1>Connect a device</h1>"
                        + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>")
                        + "<p>The device showing <strong>" + escape(userCode) + "</strong> (" + escape(clientId)
                        + ") asks for: " + escape(scope) + "</p>"
                        + "<form method=\"post\" action=\"/device\">"
                        + "<input type=\"hidden\" name=\"user_code\" value=\"" + escape(userCode) + "\">"
                        + "<input type=\"hidden\" name=\"csrf_token\" value=\"" + escape(csrf) + "\">"
                        + credentials
                        + "<button type=\"submit\" name=\"decision\" value=\"approve\">Allow</button>"
                        + "<button type=\"submit\" name=\"decision\" value=\"deny\" formnovalidate>Deny</button>"
                        + "</form>");
    }

    public static void deviceDone(RoutingContext context, boolean approved) {
        send(
                context,
                200,
                "Connect a device",
                approved
                        ? "<h1>Device connected</h1><p>You can return to your device.</p>"
                        : "<h1>Request denied</h1><p>The device was not connected.</p>");
    }

    public static void error(RoutingContext context, int status, String message) {
        send(context, status, "Sign-in problem", "<h1>Something is not right</h1><p>" + escape(message) + "</p>");
    }

    /** Asks before signing out: a sign-out request without a valid ID token hint may come from any page. */
    public static void confirmSignOut(
            RoutingContext context, String clientId, String redirectUri, String state, String csrf) {
        send(
                context,
                200,
                "Sign out",
                "<h1>Sign out?</h1><p>You will be signed out of every application that uses this sign-in.</p>"
                        + "<form method=\"post\" action=\"/logout\">"
                        + hidden("client_id", clientId)
                        + hidden("post_logout_redirect_uri", redirectUri)
                        + hidden("state", state)
                        + hidden("csrf_token", csrf)
                        + "<button type=\"submit\">Sign out</button></form>");
    }

    private static String hidden(String name, String value) {
        return value == null ? "" : "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    public static void signedOut(RoutingContext context) {
        send(context, 200, "Signed out", "<h1>You are signed out</h1>");
    }

    private static void send(RoutingContext context, int status, String title, String body) {
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Pragma", "no-cache")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                .end("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>"
                        + escape(title) + "</title><style>" + STYLE + "</style></head><body>" + body
                        + "</body></html>");
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
