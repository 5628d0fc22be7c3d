package io.shopplatform.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.shopplatform.user.Api;
import io.shopplatform.user.Mailbox;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shopper's account in a real browser (Debian's Chromium, driven by Playwright) on the whole shop
 * ({@link TheShop}): the profile page renames them, a new password signs them out everywhere, and a forgotten password
 * is reset through the link the user service mails (read from the local mail server over IMAP), which works once.
 */
class AccountBrowserTests {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final String NEW_PASSWORD = "a lantern by the quiet river";
    private static final Pattern RESET_LINK = Pattern.compile("\\S+/reset-password\\?token=([A-Za-z0-9_-]+)");

    private static TheShop shop;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeAll
    static void openTheShop() {
        shop = TheShop.shared();
    }

    /** A browser of its own (cookies and all): a shopper's second device is another one. */
    private Page open() {
        return browsers.open();
    }

    @Test
    void aShopperRenamesThemselvesAndANewPasswordSignsThemOutEverywhere() {
        String email = Api.uniqueEmail();
        Page other = open();
        register(other, email);
        Page page = open();
        signIn(page, email, Api.GOOD_PASSWORD);

        accountLink(page).click();
        assertThat(page.locator("#account-email")).hasText(email);
        page.getByLabel("Name").fill("Ada Lovelace");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator(".notice")).hasText("Your profile is saved.");
        assertThat(page.getByLabel("Name")).hasValue("Ada Lovelace");

        // A wrong current password is the API's refusal, in words, on the password form; nothing changed.
        page.getByLabel("Current password").fill("not my password at all");
        page.getByLabel("New password (10 to 64 characters)").fill(NEW_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page.locator(".problem")).containsText("current password");

        page.getByLabel("Current password").fill(Api.GOOD_PASSWORD);
        page.getByLabel("New password (10 to 64 characters)").fill(NEW_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page).hasURL(Pattern.compile(".*/login\\?after=password-changed$"));
        assertThat(page.locator(".notice")).containsText("every session of yours has ended");
        assertThat(accountLink(page)).hasCount(0);

        // The other device's session ended with it: its account page asks it to sign in.
        other.navigate(shop.storefrontUrl() + "/account");
        assertThat(other).hasURL(Pattern.compile(".*/login\\?next=/account$"));

        signIn(page, email, NEW_PASSWORD);
        page.navigate(shop.storefrontUrl() + "/account");
        assertThat(page.getByLabel("Name")).hasValue("Ada Lovelace");
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLinkWhichWorksOnce() {
        String email = Api.uniqueEmail();
        Page page = open();
        register(page, email);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(accountLink(page)).hasCount(0);
        page.navigate(shop.storefrontUrl() + "/account");
        assertThat(page).hasURL(Pattern.compile(".*/login\\?next=/account$"));

        page.navigate(shop.storefrontUrl() + "/login");
        page.getByText("Forgot your password?").click();
        page.getByLabel("Email").fill(email);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a link")).click();
        assertThat(page.locator(".notice")).containsText("If an account exists for that address");

        String mail = await("the reset mail").atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500))
                .until(() -> new Mailbox(email).inbox().stream().filter(m -> m.subject().contains("Reset"))
                        .map(Mailbox.Mail::text).findFirst().orElse(""), text -> RESET_LINK.matcher(text).find());
        Matcher link = RESET_LINK.matcher(mail);
        assertThat(link.find()).isTrue();
        // The mail links to the storefront's page; this run's own storefront opens it (the user service's origin
        // is the local runner's storefront, which this test does not start).
        assertThat(URI.create(link.group()).getPath()).isEqualTo("/reset-password");
        String reset = shop.storefrontUrl() + "/reset-password?token=" + link.group(1);
        page.navigate(reset);
        assertThat(page.locator("h1")).hasText("Set a new password");
        page.getByLabel("New password (10 to 64 characters)").fill(NEW_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password")).click();
        assertThat(page).hasURL(Pattern.compile(".*/login\\?after=password-reset$"));
        assertThat(page.locator(".notice")).hasText("Your new password is set. Sign in with it.");
        signIn(page, email, NEW_PASSWORD);
        assertThat(accountLink(page)).isVisible();

        // A spent link says so, and offers a new one.
        page.navigate(reset);
        page.getByLabel("New password (10 to 64 characters)").fill("yet another long password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password")).click();
        assertThat(page.locator("#link-refused")).containsText("unknown, already used or expired");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ask for a new link"))).isVisible();
    }

    /** The header's link to the account page: there when signed in. */
    private static Locator accountLink(Page page) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Account").setExact(true));
    }

    private static void register(Page page, String email) {
        page.navigate(shop.storefrontUrl() + "/register");
        page.getByLabel("Name").fill("Ada");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password (10 to 64 characters)").fill(Api.GOOD_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(accountLink(page)).isVisible();
    }

    private static void signIn(Page page, String email, String password) {
        page.navigate(shop.storefrontUrl() + "/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(accountLink(page)).isVisible();
    }
}
