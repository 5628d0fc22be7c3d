package io.shopplatform.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Registration: email syntax and normalization, the password rules, no roles from outside. */
@UserIntegrationTest
class RegistrationIntegrationTests {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void anEmailIsStoredNormalizedAndLogsInInAnyCase() {
        String email = Api.uniqueEmail();
        String shouted = "  " + email.toUpperCase(Locale.ROOT) + " ";

        Api.Response r = api.register(shouted, Api.GOOD_PASSWORD);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.<String>json("$.email")).isEqualTo(email);
        assertThat(r.<List<String>>json("$.roles")).containsExactly("CUSTOMER");
        assertThat(r.body()).doesNotContain("password").doesNotContain("$2a$");
        assertThat(api.login(email.toUpperCase(Locale.ROOT), Api.GOOD_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theSameEmailInAnotherCaseIsAConflictAndWritesNothing() {
        String email = Api.uniqueEmail();
        api.registered(email);

        Api.Response again = api.register(email.replace("u-", "U-"), "another fine passphrase");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Rows.count("SELECT 1 FROM users.accounts WHERE email = ?", email)).isEqualTo(1);
    }

    @Test
    void weakPasswordsAreRefusedNamingThePassword() {
        for (String weak : List.of("short1!", "Password123!", "qwertyuiop", "aaaaaaaaaaaabbbb", "123456789012")) {
            String email = Api.uniqueEmail();

            Api.Response r = api.register(email, weak);

            assertThat(r.status()).as(weak).isEqualTo(400);
            assertThat(r.<List<String>>json("$.errors[*].field")).as(weak).containsExactly("password");
            assertThat(Rows.count("SELECT 1 FROM users.accounts WHERE email = ?", email)).isZero();
        }
    }

    @Test
    void aPasswordBuiltOnTheEmailsNameIsRefused() {
        String email = "margarethe-" + Api.uniqueEmail();

        Api.Response r = api.register(email, "Margarethe-" + email.substring(11, 19) + "!");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.<String>json("$.errors[0].message")).contains("email");
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedNotCut() {
        Api.Response r = api.register(Api.uniqueEmail(), "a long passphrase ".repeat(5));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactly("password");
    }

    @Test
    void invalidEmailsAreRefusedNamingTheEmail() {
        for (String bad : List.of("no-at-sign.example.com", "two@@example.com", "ann@localhost", "ann@example.c0m",
                "x".repeat(65) + "@example.com", "ann@exa mple.com", "' OR 1=1 --@example.com")) {
            Api.Response r = api.register(bad, Api.GOOD_PASSWORD);

            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.<List<String>>json("$.errors[*].field")).as(bad).containsExactly("email");
        }
    }

    @Test
    void aRoleSentAtRegistrationIsRefusedAndNoAccountIsMade() {
        String email = Api.uniqueEmail();

        Api.Response r = api.post("/api/v1/users", """
                {"email": "%s", "password": "%s", "roles": ["ADMIN"]}""".formatted(email, Api.GOOD_PASSWORD), null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.<List<String>>json("$.errors[*].field")).containsExactly("roles");
        assertThat(Rows.count("SELECT 1 FROM users.accounts WHERE email = ?", email)).isZero();
    }
}
