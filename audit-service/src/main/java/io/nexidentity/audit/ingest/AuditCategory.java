package io.nexidentity.audit.ingest;

import java.util.Locale;

/** The categories audit queries filter by, derived from the event type. */
public enum AuditCategory {
    SIGN_IN,
    CLIENT,
    AUTHORIZATION,
    LICENSING,
    DEVICE,
    SECURITY,
    ADMIN;

    public static AuditCategory of(String type) {
        if (type.startsWith("nexid.sign_in.")
                || type.startsWith("nexid.session.")
                || type.startsWith("nexid.logout.")) {
            return SIGN_IN;
        }
        if (type.startsWith("nexid.device")) {
            return DEVICE;
        }
        if (type.startsWith("nexid.licence.") || type.contains(".quota_reached.")) {
            return LICENSING;
        }
        if (type.startsWith("nexid.token.")
                || type.startsWith("nexid.authorization.")
                || type.startsWith("nexid.refresh_token.")) {
            return AUTHORIZATION;
        }
        if (type.startsWith("nexid.client") || type.startsWith("nexid.bootstrap_credential.")) {
            return CLIENT;
        }
        if (type.startsWith("nexid.security.")) {
            return SECURITY;
        }
        return ADMIN;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
