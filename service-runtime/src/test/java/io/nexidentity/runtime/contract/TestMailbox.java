package io.nexidentity.runtime.contract;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server in the test JVM (GreenMail) that the tenant-service sends its mails to: as a test resource of the
 * tenant-service itself, or started by {@link PlatformTestStack} for a launched tenant-service when GreenMail is on
 * the test classpath.
 */
public class TestMailbox implements QuarkusTestResourceLifecycleManager {

    private static GreenMail server;

    /** Starts the server once per JVM; the mailer configuration that sends to it. */
    public static synchronized Map<String, String> startOnce() {
        if (server == null) {
            server = new GreenMail(
                    new ServerSetup(PlatformTestStack.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(server.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public Map<String, String> start() {
        return startOnce();
    }

    @Override
    public void stop() {
        // One server for the JVM: later test resources may still send to it.
    }

    /** The newest mail to {@code recipient} once it has received {@code count} mails, waiting up to ten seconds. */
    public static Mail await(String recipient, int count) {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            var messages = received(recipient);
            if (messages.size() >= count) {
                return mail(messages.get(messages.size() - 1));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("mail " + count + " to " + recipient + " did not arrive within 10 s");
    }

    /** How many mails {@code recipient} has received. */
    public static int count(String recipient) {
        return received(recipient).size();
    }

    private static Mail mail(MimeMessage message) {
        try {
            var content = message.getContent();
            var text = content instanceof Multipart multipart
                    ? String.valueOf(multipart.getBodyPart(0).getContent())
                    : String.valueOf(content);
            return new Mail(message.getSubject(), text.replace("\r\n", "\n"));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MimeMessage> received(String recipient) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> {
                    try {
                        var to = message.getRecipients(Message.RecipientType.TO);
                        return to != null && to.length > 0 && to[0].toString().equalsIgnoreCase(recipient);
                    } catch (MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    public record Mail(String subject, String body) {}
}
