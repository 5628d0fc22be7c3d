package io.shopplatform.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The profile page and the password reset, against the user service's API as WireMock plays it (its contract:
 * services/user's README): what each page sends, and how each of the API's answers and refusals reads. The real
 * mail's link opening the reset page is e2e's AccountBrowserTests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountPagesTests {

    private static final TheApi api = new TheApi();
    private static final String PROBLEM = "application/problem+json";

    @LocalServerPort
    int port;
    private TheApi.Browser browser;

    @DynamicPropertySource
    static void theApi(DynamicPropertyRegistry registry) {
        api.wire(registry);
    }

    @AfterAll
    static void stop() {
        api.server.stop();
    }

    @BeforeEach
    void aShopperWithAnAccount() {
        api.server.resetAll();
        browser = new TheApi.Browser(port);
        api.server.stubFor(get(urlPathEqualTo("/api/v1/users/me")).willReturn(okJson(
                "{\"id\": \"6f1c\", \"email\": \"ada@example.com\", \"displayName\": \"Ada\", \"roles\": [\"CUSTOMER\"]}")));
    }

    @Test
    void aVisitorWhoIsNotSignedInIsSentToSignInFirst() throws Exception {
        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(302);
        assertThat(account.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/login?next=/account"));
    }

    @Test
    void aSessionThatEndedElsewhereIsSignedOutHereAndAskedToSignIn() throws Exception {
        signedIn();
        api.server.stubFor(get(urlPathEqualTo("/api/v1/users/me")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", PROBLEM).withBody("{\"title\": \"Unauthorized\", \"status\": 401}")));
        HttpResponse<String> account = browser.get("/account");
        assertThat(account.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/login?next=/account"));
        assertThat(cookie("shop_refresh")).as("signed out").isNull();
    }

    @Test
    void theProfilePageShowsTheAccountAndSavesANewName() throws Exception {
        signedIn();
        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("ada@example.com", "value=\"Ada\"", "href=\"/account\"");
        api.server.stubFor(put(urlPathEqualTo("/api/v1/users/me")).willReturn(okJson("{\"displayName\": \"Ada L.\"}")));
        HttpResponse<String> saved = browser.submit("/account", "/account", "displayName=Ada+L.");
        assertThat(saved.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account?saved"));
        api.server.verify(putRequestedFor(urlPathEqualTo("/api/v1/users/me"))
                .withRequestBody(equalToJson("{\"displayName\": \"Ada L.\"}")));
        assertThat(browser.get("/account?saved").body()).contains("Your profile is saved.");
    }

    @Test
    void signingOutEndsTheSessionAtTheApiAndForgetsItsTokens() throws Exception {
        signedIn();
        api.server.stubFor(post(urlPathEqualTo("/api/v1/auth/logout")).willReturn(aResponse().withStatus(204)));
        HttpResponse<String> out = browser.submit("/account", "/logout", "");
        assertThat(out.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        api.server.verify(postRequestedFor(urlPathEqualTo("/api/v1/auth/logout"))
                .withRequestBody(equalToJson("{\"refreshToken\": \"r1\"}")));
        assertThat(cookie("shop_refresh")).as("signed out").isNull();
    }

    @Test
    void aWrongCurrentPasswordIsSaidOnThePasswordFormInWords() throws Exception {
        signedIn();
        api.server.stubFor(post(urlPathEqualTo("/api/v1/users/me/password")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", PROBLEM).withBody("{\"title\": \"Invalid input\", \"status\": 400, "
                        + "\"errors\": [{\"field\": \"currentPassword\", \"message\": \"is wrong\"}]}")));
        HttpResponse<String> refused = browser.submit("/account", "/account/password",
                "currentPassword=nope&newPassword=another-long-one");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Invalid input", "current password", "is wrong").doesNotContain("Exception");
        assertThat(cookie("shop_refresh")).as("still signed in").isNotNull();
    }

    @Test
    void aNewPasswordSignsTheShopperOutAndTheLoginPageSaysWhy() throws Exception {
        signedIn();
        api.server.stubFor(post(urlPathEqualTo("/api/v1/users/me/password")).willReturn(aResponse().withStatus(204)));
        HttpResponse<String> changed = browser.submit("/account", "/account/password",
                "currentPassword=old-long-password&newPassword=a-new-long-one");
        api.server.verify(postRequestedFor(urlPathEqualTo("/api/v1/users/me/password")).withRequestBody(equalToJson(
                "{\"currentPassword\": \"old-long-password\", \"newPassword\": \"a-new-long-one\"}")));
        assertThat(changed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/login?after=password-changed"));
        assertThat(changed.headers().allValues("Set-Cookie")).as("signed out").anySatisfy(c -> assertThat(c)
                .startsWith("shop_access=;").contains("Max-Age=0")).anySatisfy(c -> assertThat(c)
                .startsWith("shop_refresh=;").contains("Max-Age=0"));
        assertThat(cookie("shop_refresh")).as("signed out").isNull();
        assertThat(browser.get("/login?after=password-changed").body())
                .contains("every session of yours has ended").doesNotContain("href=\"/account\"");
    }

    @Test
    void askingForAResetLinkAnswersTheSameWhateverTheAddress() throws Exception {
        api.server.stubFor(post(urlPathEqualTo("/api/v1/auth/password-reset")).willReturn(aResponse().withStatus(202)));
        assertThat(browser.get("/login").body()).contains("href=\"/forgot-password\"");
        HttpResponse<String> asked = browser.submit("/forgot-password", "/forgot-password", "email=nobody%40example.com");
        assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/forgot-password?sent"));
        api.server.verify(postRequestedFor(urlPathEqualTo("/api/v1/auth/password-reset"))
                .withRequestBody(equalToJson("{\"email\": \"nobody@example.com\"}")));
        assertThat(browser.get("/forgot-password?sent").body()).contains("If an account exists for that address")
                .doesNotContain("nobody@example.com");
    }

    @Test
    void theMailedLinkSetsANewPasswordAndLeadsToSignIn() throws Exception {
        api.server.stubFor(post(urlPathEqualTo("/api/v1/auth/password-reset/confirm")).willReturn(aResponse().withStatus(204)));
        assertThat(browser.get("/reset-password?token=t0k3n").body()).contains("name=\"token\" value=\"t0k3n\"");
        HttpResponse<String> reset = browser.submit("/reset-password?token=t0k3n", "/reset-password",
                "token=t0k3n&newPassword=a-new-long-one");
        api.server.verify(postRequestedFor(urlPathEqualTo("/api/v1/auth/password-reset/confirm"))
                .withRequestBody(equalToJson("{\"token\": \"t0k3n\", \"newPassword\": \"a-new-long-one\"}")));
        assertThat(reset.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/login?after=password-reset"));
        assertThat(browser.get("/login?after=password-reset").body()).contains("Your new password is set.");
    }

    @Test
    void aUsedOrExpiredLinkIsSaidSoWithAWayToANewOne() throws Exception {
        api.server.stubFor(post(urlPathEqualTo("/api/v1/auth/password-reset/confirm")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", PROBLEM).withBody("{\"title\": \"Invalid input\", "
                        + "\"errors\": [{\"field\": \"token\", \"message\": \"is not valid: unknown, used or expired\"}]}")));
        HttpResponse<String> refused = browser.submit("/reset-password?token=spent", "/reset-password",
                "token=spent&newPassword=a-new-long-one");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("This link is unknown, already used or expired", "href=\"/forgot-password\"")
                .doesNotContain("name=\"newPassword\"");
    }

    @Test
    void aPasswordTheApiRefusesIsSaidAndTheFormStays() throws Exception {
        api.server.stubFor(post(urlPathEqualTo("/api/v1/auth/password-reset/confirm")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", PROBLEM).withBody("{\"title\": \"Invalid input\", "
                        + "\"errors\": [{\"field\": \"newPassword\", \"message\": \"is too common\"}]}")));
        HttpResponse<String> refused = browser.submit("/reset-password?token=good", "/reset-password",
                "token=good&newPassword=password123");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("new password", "is too common", "name=\"token\" value=\"good\"");
    }

    /** A signed-in browser: tokens as the user service issues them (the access token's expiry is all it reads). */
    private void signedIn() {
        String claims = "{\"exp\": " + Instant.now().plusSeconds(900).getEpochSecond() + "}";
        String access = "h." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".s";
        URI shop = browser.url("/");
        for (String[] c : new String[][] {{"shop_access", access}, {"shop_refresh", "r1"}}) {
            HttpCookie cookie = new HttpCookie(c[0], c[1]);
            cookie.setPath("/");
            cookie.setDomain(shop.getHost());
            browser.cookies.getCookieStore().add(shop, cookie);
        }
    }

    private HttpCookie cookie(String name) {
        return browser.cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .findFirst().orElse(null);
    }
}
