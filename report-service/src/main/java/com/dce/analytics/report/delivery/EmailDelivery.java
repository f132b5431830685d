package com.dce.analytics.report.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends report emails over SMTP (Spring Mail), retrying a failed send with exponential back-off
 * (initial delay doubled after each failure, capped) up to a number of attempts. Says how it went
 * rather than throwing, so the run history can show it.
 */
public final class EmailDelivery {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);

    /** A file attached to the email. */
    public record Attachment(String filename, String contentType, byte[] bytes) {}

    /** An email to send. */
    public record Email(List<String> to, String subject, String body, List<Attachment> attachments) {}

    /** How sending went: whether it was sent, after how many attempts, and the last error if not. */
    public record Outcome(boolean sent, int attempts, String detail) {}

    /** Waits between attempts; tests pass one that does not wait. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    /** Retry policy: attempts in all, first back-off, back-off cap. */
    public record Retry(int attempts, Duration backoff, Duration maxBackoff) {}

    private final JavaMailSender sender;
    private final String from;
    private final Retry retry;
    private final Pause pause;

    public EmailDelivery(JavaMailSender sender, String from, Retry retry, Pause pause) {
        this.sender = sender;
        this.from = from;
        this.retry = retry;
        this.pause = pause;
    }

    public Outcome send(Email email) {
        Duration delay = retry.backoff();
        String last = null;
        int attempts = Math.max(1, retry.attempts());
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                sender.send(message(email));
                return new Outcome(true, attempt, "sent to " + String.join(", ", email.to()));
            } catch (MailException | MessagingException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("sending '{}' failed (attempt {} of {}): {}", email.subject(), attempt, attempts, last);
                if (attempt < attempts) {
                    try {
                        pause.pause(delay);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return new Outcome(false, attempt, "interrupted; last error: " + last);
                    }
                    delay = delay.multipliedBy(2).compareTo(retry.maxBackoff()) > 0
                            ? retry.maxBackoff()
                            : delay.multipliedBy(2);
                }
            }
        }
        return new Outcome(false, attempts, last);
    }

    private MimeMessage message(Email email) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper =
                new MimeMessageHelper(message, !email.attachments().isEmpty(), "UTF-8");
        helper.setFrom(from);
        helper.setTo(email.to().toArray(String[]::new));
        helper.setSubject(email.subject());
        helper.setText(email.body(), false);
        for (Attachment a : email.attachments()) {
            helper.addAttachment(a.filename(), new ByteArrayResource(a.bytes()), a.contentType());
        }
        return message;
    }
}
