package io.shopplatform.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

/** Deleting one's account: personal data erased, every session and token ended, the address free again. */
@UserIntegrationTest
class AccountDeletionIntegrationTests extends RegisteredShopper {

    /** The account's row as JSON text, read on the primary. */
    private static final String ACCOUNT = "SELECT row_to_json(a)::text FROM (SELECT email, display_name, status, "
            + "password_hash, version FROM users.accounts WHERE id = ?::uuid) a";

    @Test
    void aDeletedAccountsTokensLoginAndRefreshAreRefusedAndItsPersonalDataIsGone() {
        Api.Session session = api.loggedIn(email, Api.GOOD_PASSWORD);
        api.put("/api/v1/users/me", "{\"displayName\": \"Ann Example\"}", session.accessToken());

        Api.Response deleted = api.delete("/api/v1/users/me", "{\"password\": \"" + Api.GOOD_PASSWORD + "\"}",
                session.accessToken());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/users/me", session.accessToken()).status()).as("its access token").isEqualTo(401);
        assertThat(api.refresh(session.refreshToken()).status()).as("its refresh token").isEqualTo(401);
        Api.Response login = api.login(email, Api.GOOD_PASSWORD);
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.body()).as("the same answer as a wrong password").isEqualTo(api.login(email, "not-it").body());
        String row = (String) Rows.one(ACCOUNT, id);
        assertThat(JsonPath.<String>read(row, "$.email")).doesNotContain(email.substring(0, email.indexOf('@')));
        assertThat(JsonPath.<Object>read(row, "$.display_name")).isNull();
        assertThat(JsonPath.<String>read(row, "$.status")).isEqualTo("DISABLED");
        assertThat(api.register(email, Api.GOOD_PASSWORD).status()).as("the address is free again").isEqualTo(201);
    }

    @Test
    void aWrongPasswordDeletesNothing() {
        Api.Session session = api.loggedIn(email, Api.GOOD_PASSWORD);
        Object before = Rows.one(ACCOUNT, id);

        Api.Response wrong = api.delete("/api/v1/users/me", "{\"password\": \"not the password\"}", session.accessToken());
        Api.Response missing = api.delete("/api/v1/users/me", "{}", session.accessToken());

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.body()).contains("password");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(Rows.one(ACCOUNT, id)).isEqualTo(before);
        assertThat(api.get("/api/v1/users/me", session.accessToken()).status()).isEqualTo(200);
    }
}
