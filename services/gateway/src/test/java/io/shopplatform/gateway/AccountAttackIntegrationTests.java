package io.shopplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.user.Api;
import io.shopplatform.user.Rows;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 11's attacks on accounts, sent through the gateway to the real user service: each gets its status with a
 * problem+json body, and the user service's tables are as they were (fingerprints of every row, {@link UserTables}),
 * unless the test says exactly what changed.
 */
@GatewayIntegrationTest
class AccountAttackIntegrationTests {

    private static final String INJECTION_EMAIL = "x' OR '1'='1'; DROP TABLE users.accounts; --@example.com";

    @LocalServerPort
    int port;

    @Test
    void spoofedIdentityHeadersWithoutATokenAreNobody() {
        Shopper alice = Shopper.signedUp(port);
        Client client = new Client(port);

        Api.Response r = unchanged(() -> toApi(client.send(client.request("/api/v1/users/me")
                .header("Content-Type", "application/json").header("X-User-Id", alice.id())
                .header("X-Roles", "ADMIN").header("X-Forwarded-User", alice.email())
                .PUT(BodyPublishers.ofString("{\"displayName\": \"pwned\"}")))));

        // The user service's answer to a missing token (services/shared's entry point), as a problem like the rest.
        assertProblem(r, 401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void spoofedIdentityHeadersNextToARealTokenActAsTheTokensShopperOnly() {
        Shopper alice = Shopper.signedUp(port);
        Shopper mallory = Shopper.signedUp(port);
        Object alicesRow = Rows.one("SELECT t::text FROM users.accounts AS t WHERE id = ?::uuid", alice.id());
        Client client = new Client(port);

        Client.Response r = client.send(client.request("/api/v1/users/me")
                .header("Authorization", "Bearer " + mallory.accessToken()).header("Content-Type", "application/json")
                .header("X-User-Id", alice.id()).header("X-User-Email", alice.email())
                .PUT(BodyPublishers.ofString("{\"displayName\": \"Mallory\"}")));

        assertThat(r.status()).isEqualTo(200);
        assertThat((String) r.json("$.email")).isEqualTo(mallory.email());
        assertThat(Rows.one("SELECT t::text FROM users.accounts AS t WHERE id = ?::uuid", alice.id())).isEqualTo(alicesRow);
    }

    @Test
    void sqlInAnEmailIsRefusedAsAnInvalidEmail() {
        Api api = new Api(port);
        Api.Response r = unchanged(() -> api.register(INJECTION_EMAIL, Api.GOOD_PASSWORD));

        assertProblem(r, 400);
        assertThat(r.<String>json("$.detail")).contains("email");
    }

    @Test
    void sqlInALoginIsAWrongLoginAndNothingElse() {
        Api api = new Api(port);
        Api.Response r = unchanged(() -> api.login("' OR '1'='1", "' OR '1'='1' --"));

        assertProblem(r, 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Robert'); DROP TABLE users.accounts; --", "x' UNION SELECT password_hash FROM users.accounts --",
            "1; UPDATE users.accounts SET roles = '{ADMIN}'"})
    void sqlInADisplayNameIsStoredAsTheTextItIs(String name) {
        Api api = new Api(port);
        String email = Api.uniqueEmail();
        UserTables before = UserTables.now();
        long admins = Rows.count("SELECT 1 FROM users.accounts WHERE 'ADMIN' = ANY(roles)");

        Api.Response r = api.post("/api/v1/users", "{\"email\": \"%s\", \"password\": \"%s\", \"displayName\": %s}"
                .formatted(email, Api.GOOD_PASSWORD, json(name)), null);

        assertThat(r.status()).isEqualTo(201);
        String id = r.json("$.id");
        assertThat(Rows.one("SELECT display_name FROM users.accounts WHERE id = ?::uuid", id)).isEqualTo(name);
        assertThat(Rows.count("SELECT 1 FROM users.accounts WHERE 'ADMIN' = ANY(roles)")).isEqualTo(admins);
        // One row more, and every other row as it was.
        assertThat(Rows.count("SELECT 1 FROM users.accounts")).isEqualTo(count(before, "accounts") + 1);
        assertThat(UserTables.now().withoutAccount(id)).isEqualTo(before);
    }

    @Test
    void anOversizedRegistrationIs413() {
        Client client = new Client(port);
        String body = "{\"email\": \"%s\", \"password\": \"%s\", \"displayName\": \"%s\"}"
                .formatted(Api.uniqueEmail(), Api.GOOD_PASSWORD, "x".repeat(100 * 1024));

        Api.Response r = unchanged(() -> toApi(client.send(client.request("/api/v1/users")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)))));

        assertProblem(r, 413);
    }

    @Test
    void aRegistrationThatIsNotJsonIs415() {
        Client client = new Client(port);
        Api.Response r = unchanged(() -> toApi(client.send(client.request("/api/v1/users")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("email=" + Api.uniqueEmail() + "&password=x")))));

        assertProblem(r, 415);
    }

    @Test
    void malformedJsonIs400NamingTheProblem() {
        Api api = new Api(port);
        Api.Response r = unchanged(() -> api.post("/api/v1/users",
                "{\"email\": \"" + Api.uniqueEmail() + "\", \"password\": ", null));

        assertProblem(r, 400);
        assertThat(r.<String>json("$.detail")).startsWith("body is not valid JSON");
    }

    @Test
    void aRoleSentAtRegistrationIsRefusedNotApplied() {
        Api api = new Api(port);
        String email = Api.uniqueEmail();
        Api.Response r = unchanged(() -> api.post("/api/v1/users", "{\"email\": \"%s\", \"password\": \"%s\", \"roles\": [\"ADMIN\"]}"
                .formatted(email, Api.GOOD_PASSWORD), null));

        assertProblem(r, 400);
        assertThat(r.<String>json("$.detail")).contains("roles");
        assertThat(Rows.count("SELECT 1 FROM users.accounts WHERE email = ?", email)).isZero();
    }

    @Test
    void aReusedRefreshTokenIsRefusedAndEndsItsFamily() {
        Shopper shopper = Shopper.signedUp(port);
        Api.Response rotated = shopper.api().refresh(shopper.session().refreshToken());
        assertThat(rotated.status()).isEqualTo(200);
        String next = rotated.json("$.refreshToken");
        UserTables before = UserTables.now();

        Api.Response reused = shopper.api().refresh(shopper.session().refreshToken());

        assertProblem(reused, 401);
        // Nothing issued, no account touched; the family's live token is revoked (the one change), so it fails too.
        UserTables after = UserTables.now();
        assertThat(after.fingerprints().get("accounts")).isEqualTo(before.fingerprints().get("accounts"));
        assertThat(count(after, "refresh_tokens")).isEqualTo(count(before, "refresh_tokens"));
        assertThat(Rows.count("SELECT 1 FROM users.refresh_tokens WHERE account_id = ?::uuid AND revoked_at IS NULL",
                shopper.id())).isZero();
        assertProblem(shopper.api().refresh(next), 401);
    }

    @Test
    void theSixthWrongPasswordForAnAccountWithinAMinuteIs429WithRetryAfter() {
        Shopper shopper = Shopper.signedUp(port);
        UserTables before = UserTables.now();

        for (int i = 1; i <= 5; i++) {
            assertProblem(shopper.api().login(shopper.email(), "wrong password " + i), 401);
        }
        Api.Response sixth = shopper.api().login(shopper.email(), "wrong password 6");

        assertProblem(sixth, 429);
        assertThat(Integer.parseInt(sixth.header("Retry-After"))).isBetween(1, 60);
        assertThat(UserTables.now()).isEqualTo(before);
    }

    private static Api.Response unchanged(Supplier<Api.Response> attack) {
        UserTables before = UserTables.now();
        Api.Response r = attack.get();
        assertThat(UserTables.now()).as("the user service's tables after " + r.status()).isEqualTo(before);
        return r;
    }

    private static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.<Integer>json("$.status")).isEqualTo(status);
    }

    private static Api.Response toApi(Client.Response r) {
        return new Api.Response(r.status(), r.body(), r.raw());
    }

    private static long count(UserTables tables, String table) {
        return Long.parseLong(tables.fingerprints().get(table).split(" ")[0]);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
