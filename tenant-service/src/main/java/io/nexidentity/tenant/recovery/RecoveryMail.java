package io.nexidentity.tenant.recovery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.ResourceBundle;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import org.jboss.logging.Logger;

/**
 * The recovery mail, in the language the page was shown in (English or German), as plain text: the link and what to
 * do if the person did not ask. Sent after the link is stored; a failed send is logged (the person can ask again).
 */
@ApplicationScoped
public class RecoveryMail {

    private static final Logger LOG = Logger.getLogger(RecoveryMail.class);
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ReactiveMailer mailer;

    RecoveryMail(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    public void send(String to, String tenantName, String resetUrl, String token, String language, Duration lifetime) {
        var locale = "de".equals(language) ? Locale.GERMAN : Locale.ROOT;
        var bundle = ResourceBundle.getBundle("recovery-mail", locale, NO_FALLBACK);
        var link = resetUrl + (resetUrl.contains("?") ? "&" : "?") + "token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        // Names are plain text by validation; a name stored before that rule must still not break a header line.
        var name = tenantName.replaceAll("[\\p{Cc}\\p{Cf}]", " ");
        var subject = MessageFormat.format(bundle.getString("subject"), name);
        var body = MessageFormat.format(bundle.getString("body"), name, link, lifetime.toMinutes());
        mailer.send(Mail.withText(to, subject, body))
                .subscribe()
                .with(sent -> {}, failure -> LOG.warnf("the recovery mail could not be sent: %s", failure.toString()));
    }
}
