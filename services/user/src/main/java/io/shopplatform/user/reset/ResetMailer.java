package io.shopplatform.user.reset;

import io.shopplatform.service.outbox.EventSubscription;
import io.shopplatform.service.outbox.ProcessedEvents;
import io.shopplatform.user.account.Accounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends reset mails from the outbox's events over SMTP. Each event is handled once (its id recorded in the
 * transaction that stores the token); a mail server that is down fails the handler, so the transaction rolls back
 * and the event is tried again a second later: nothing is lost, only delayed.
 */
@Configuration
class ResetMailer {

    private static final Logger log = LoggerFactory.getLogger(ResetMailer.class);
    static final String TOPIC = "users." + PasswordResets.AGGREGATE;

    @Bean
    EventSubscription resetMails(ProcessedEvents processed, PasswordResets resets, Accounts accounts,
                                 JavaMailSender mail, ResetProperties props) {
        return processed.once(TOPIC, props.group(), PasswordResets.REQUESTED, PasswordResets.Requested.class, event -> {
            if (event.requestedAt().plus(props.tokenTtl()).isBefore(java.time.Instant.now())) {
                log.info("dropping a reset request older than a link's lifetime ({})", props.tokenTtl());
                return;
            }
            if (accounts.byId(event.account()).isEmpty()) {
                log.info("dropping a reset request for an account that no longer exists");
                return;
            }
            String token = resets.newToken(event.account());
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(props.from());
            message.setTo(event.email());
            message.setSubject("Reset your shop password");
            message.setText("""
                    Someone (hopefully you) asked to reset the password of your shop account.

                    Open this link to choose a new one; it works once, for %d minutes:
                    %s%s

                    If you did not ask, ignore this mail: your password stays as it is.
                    """.formatted(props.tokenTtl().toMinutes(), props.link(), token));
            mail.send(message);
        });
    }
}
