package io.shopplatform.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Password reset end to end: the outbox event, the mail on the local SMTP server, a link that works once. */
@UserIntegrationTest
class PasswordResetIntegrationTests extends RegisteredShopper {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    @Test
    void aResetMailArrivesAndItsLinkSetsANewPasswordOnceAndEndsEverySession() {
        Api.Session session = api.loggedIn(email, Api.GOOD_PASSWORD);

        assertThat(api.post("/api/v1/auth/password-reset", "{\"email\": \"" + email.toUpperCase() + "\"}", null)
                .status()).isEqualTo(202);

        Mailbox mailbox = new Mailbox(email);
        List<Mailbox.Mail> mails = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(mailbox::inbox, m -> !m.isEmpty());
        assertThat(mails).hasSize(1);
        Mailbox.Mail mail = mails.get(0);
        assertThat(mail.subject()).isEqualTo("Reset your shop password");
        assertThat(mail.from()).isEqualTo("no-reply@shop.local");
        Matcher m = TOKEN.matcher(mail.text());
        assertThat(m.find()).as(mail.text()).isTrue();
        String token = m.group(1);
        assertThat(Rows.count("SELECT 1 FROM users.outbox WHERE payload::text LIKE ?", "%" + token + "%"))
                .as("the token is in no event").isZero();
        String newPassword = "the reset passphrase";

        Api.Response reset = api.post("/api/v1/auth/password-reset/confirm", """
                {"token": "%s", "newPassword": "%s"}""".formatted(token, newPassword), null);
        Api.Response again = api.post("/api/v1/auth/password-reset/confirm", """
                {"token": "%s", "newPassword": "yet another passphrase"}""".formatted(token), null);

        assertThat(reset.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.<List<String>>json("$.errors[*].field")).containsExactly("token");
        assertThat(api.refresh(session.refreshToken()).status()).isEqualTo(401);
        assertThat(api.login(email, Api.GOOD_PASSWORD).status()).isEqualTo(401);
        assertThat(api.login(email, newPassword).status()).isEqualTo(200);
    }

    @Test
    void anUnknownEmailGetsTheSameAnswerAndNoEvent() {
        String unknown = Api.uniqueEmail();

        Api.Response r = api.post("/api/v1/auth/password-reset", "{\"email\": \"" + unknown + "\"}", null);

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body()).isEmpty();
        assertThat(Rows.count("SELECT 1 FROM users.outbox WHERE payload->>'email' = ?", unknown)).isZero();
    }

    @Test
    void anExpiredTokenIsRefusedAndThePasswordStays() throws Exception {
        String token = "expired-" + java.util.UUID.randomUUID();
        Rows.update("""
                INSERT INTO users.password_reset_tokens (token_hash, account_id, created_at, expires_at)
                SELECT ?, id, now() - interval '2 hours', now() - interval '1 hour' FROM users.accounts WHERE email = ?""",
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)), email);

        Api.Response r = api.post("/api/v1/auth/password-reset/confirm", """
                {"token": "%s", "newPassword": "the reset passphrase"}""".formatted(token), null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactly("token");
        assertThat(api.login(email, Api.GOOD_PASSWORD).status()).isEqualTo(200);
    }
}
