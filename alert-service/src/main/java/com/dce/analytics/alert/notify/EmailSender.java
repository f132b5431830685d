package com.dce.analytics.alert.notify;

import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.system.AlertServiceProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Email through Spring Mail (SMTP from {@code spring.mail.*}): the message's title as subject and
 * its plain text as body. Without {@code spring.mail.host} there is no mail sender and email
 * deliveries fail visibly.
 */
@Component
class EmailSender implements Sender {

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;

    EmailSender(ObjectProvider<JavaMailSender> mail, AlertServiceProperties properties) {
        this.mail = mail;
        this.from = properties.alert().email().from();
    }

    @Override
    public Route.Channel channel() {
        return Route.Channel.EMAIL;
    }

    @Override
    public DeliveryResult send(Message message, String target) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return DeliveryResult.permanent(null, "email is not configured (set spring.mail.host)");
        }
        SimpleMailMessage mailMessage = new SimpleMailMessage();
        mailMessage.setFrom(from);
        mailMessage.setTo(target);
        mailMessage.setSubject(message.title());
        mailMessage.setText(message.text());
        try {
            sender.send(mailMessage);
            return DeliveryResult.delivered(250);
        } catch (MailAuthenticationException | MailParseException | MailPreparationException e) {
            return DeliveryResult.permanent(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (MailException e) {
            return DeliveryResult.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }
}
