package io.shopplatform.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.JsonHttp.Response;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.user.Api;
import io.shopplatform.user.Mailbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The storefront in a real browser (Debian's Chromium, driven by Playwright) on the whole shop ({@link TheShop},
 * started once for every e2e test): a shopper finds a product, fills a cart, registers, pays with a card the page
 * tokenizes at the payment provider, gets the confirmation mail and sees the order in their history; two shoppers
 * race for the last unit and exactly one gets it; a checkout by keyboard alone; the API's refusals are messages on
 * the page; the product page follows the stock live; browsing works with JavaScript off.
 */
class StorefrontBrowserTests {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final String PRICE = "12.50";
    private static final int STOCKED = 5;
    private static final String CONFIRMED = "CONFIRMED", PENDING = "PENDING";
    private static final Pattern ORDER_PAGE = Pattern.compile(".*/orders/(\\d+)$");
    /** More stops than any page of the shop has before its last control. */
    private static final int MOST_TABS = 60;

    private static TheShop shop;
    private static JsonHttp gateway;
    private static TheShop.Stocked lamp;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeAll
    static void openTheShop() {
        shop = TheShop.shared();
        gateway = new JsonHttp(shop.gatewayPort());
        lamp = shop.stocked("Reading lamp", PRICE, STOCKED);
    }

    @Test
    void aShopperFindsAProductFillsACartRegistersPaysByCardAndSeesTheOrder() {
        Page page = browsers.open();
        page.navigate(shop.storefrontUrl() + "/");
        assertThat(page.locator("h1")).hasText("Welcome to the shop");

        // Finds the product by search, sees its stock, puts two in the cart before signing in.
        page.getByLabel("Search products").fill(lamp.word());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true)).first().click();
        page.getByText(lamp.name()).first().click();
        // What inventory holds now: the live-stock test may have received more before this one ran.
        Object available = gateway.get("/api/v1/inventory/stock/" + lamp.sku(), shop.adminToken()).json("$.available");
        assertThat(page.locator("#available")).hasText(String.valueOf(available));
        page.getByLabel("Quantity").fill("2");
        page.getByText("Add to cart").click();
        assertThat(page).hasURL(Pattern.compile(".*/cart$"));
        assertThat(page.locator("#subtotal")).hasText("25.00");

        // Checking out asks for an account; registering brings the cart along.
        page.getByText("Check out").click();
        assertThat(page).hasURL(Pattern.compile(".*/login\\?next=/checkout$"));
        page.getByText("Create an account").click();
        String email = Api.uniqueEmail();
        page.getByLabel("Name").fill("Ana Browser");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password (10 to 64 characters)").fill(Api.GOOD_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page).hasURL(Pattern.compile(".*/checkout$"));
        assertThat(page.locator("#subtotal")).hasText("25.00");

        // Address and card; the page tokenizes the card at the provider and posts only the token.
        String card = PaymentSimulators.newCard("4242");
        fillCheckout(page, "Ana Browser", card);
        page.getByText("Place order").click();
        assertThat(page).hasURL(ORDER_PAGE, new PageAssertions.HasURLOptions().setTimeout(60_000));
        String orderId = page.url().replaceAll(".*/orders/", "");
        assertThat(finalStatus(page)).isEqualTo(CONFIRMED);

        page.getByText("All your orders").click();
        assertThat(page.locator("tr.order").first()).containsText(orderId);
        assertThat(page.locator("tr.order").first()).containsText(CONFIRMED);

        // The confirmation mail reaches the shopper's mailbox on the local mail server.
        List<Mailbox.Mail> mails = await("the confirmation mail").atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1))
                .until(new Mailbox(email)::inbox, m -> !m.isEmpty());
        assertThat(mails).extracting(Mailbox.Mail::subject).containsExactly("Your shop order " + orderId + " is confirmed");

        // The card number went to the provider only; nothing else left the shop's origin.
        String shopOrigin = Browsers.origin(shop.storefrontUrl());
        String provider = Browsers.origin(PaymentSimulators.shared().url(PaymentSimulators.Sim.STRIPE));
        assertThat(browsers.requests).allSatisfy(r -> assertThat(Browsers.origin(r.url())).isIn(shopOrigin, provider));
        assertThat(browsers.requests).filteredOn(r -> Browsers.origin(r.url()).equals(provider))
                .extracting(Request::method).contains("POST");
        assertThat(browsers.requests).filteredOn(r -> Browsers.origin(r.url()).equals(shopOrigin) && r.postData() != null)
                .allSatisfy(r -> assertThat(r.postData()).doesNotContain(card));
    }

    /**
     * A flash sale's last unit: two signed-in shoppers place their orders at the same moment. Exactly one order is
     * confirmed and charged; the other shopper reads that it sold out and is charged nothing; a third shopper
     * watching the product page sees it go out of stock without reloading.
     */
    @Test
    void twoShoppersRaceForTheLastUnitAndExactlyOneGetsIt() {
        TheShop.Stocked print = shop.stocked("Limited print", "40.00", 1);
        Page watcher = browsers.open();
        watcher.navigate(shop.storefrontUrl() + "/products/" + print.id());
        assertThat(watcher.locator("#available")).hasText("1");

        List<String> emails = List.of(Api.uniqueEmail(), Api.uniqueEmail());
        List<Page> shoppers = new ArrayList<>();
        Map<Page, Integer> placed = new ConcurrentHashMap<>();   // each page's answer to its order: redirect or refusal
        for (String email : emails) {
            new Api(shop.gatewayPort()).registered(email);
            Page page = browsers.open();
            signIn(page, email, "/products/" + print.id());
            page.getByText("Add to cart").click();
            assertThat(page).hasURL(Pattern.compile(".*/cart$"));
            page.navigate(shop.storefrontUrl() + "/checkout");
            fillCheckout(page, "Racing Shopper", PaymentSimulators.newCard("4242"));
            page.onResponse(r -> {
                if (r.request().method().equals("POST") && r.url().endsWith("/checkout")) {
                    placed.put(page, r.status());
                }
            });
            shoppers.add(page);
        }
        shoppers.forEach(page -> page.getByText("Place order").click());   // both in flight at once
        shoppers.get(0).waitForCondition(() -> placed.size() == 2,
                new Page.WaitForConditionOptions().setTimeout(EVENTUALLY.toMillis()));

        List<String> outcomes = new ArrayList<>();
        for (Page page : shoppers) {
            if (placed.get(page) / 100 == 3) {   // placed: the order's page tells how it ended
                page.waitForURL(ORDER_PAGE, new Page.WaitForURLOptions().setTimeout(EVENTUALLY.toMillis()));
                outcomes.add(finalStatus(page) + ": " + page.locator(".problem").allTextContents());
            } else {   // refused at once: the checkout form again, with the API's problem
                page.waitForLoadState();
                outcomes.add("REFUSED " + placed.get(page) + ": " + page.locator(".problem").first().textContent());
            }
        }
        assertThat(outcomes).filteredOn(o -> o.startsWith(CONFIRMED)).as(outcomes.toString()).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.startsWith(CONFIRMED)).singleElement().asString()
                .containsIgnoringCase("stock");
        // Charged once, for the confirmed order only.
        for (String email : emails) {
            String token = new Api(shop.gatewayPort()).loggedIn(email, Api.GOOD_PASSWORD).accessToken();
            List<Map<String, Object>> orders = gateway.get("/api/v1/orders", token).json("$");
            for (Map<String, Object> o : orders) {
                long expected = CONFIRMED.equals(o.get("status")) ? 1 : 0;
                assertThat(PaymentSimulators.shared().chargesMade(PaymentSimulators.chargeKey(((Number) o.get("id")).longValue())))
                        .as("charges for order %s (%s)", o.get("id"), o.get("status")).isEqualTo(expected);
            }
        }
        assertThat(watcher.locator("#stock")).hasText("Out of stock",
                new LocatorAssertions.HasTextOptions().setTimeout(EVENTUALLY.toMillis()));
        assertThat(watcher.url()).as("no reload").endsWith("/products/" + print.id());
    }

    /** Every step of a purchase reached with Tab and done with the keyboard, each focus visible. */
    @Test
    void aShopperChecksOutWithTheKeyboardAlone() {
        TheShop.Stocked fan = shop.stocked("Desk fan", "19.90", 3);
        String email = Api.uniqueEmail();
        new Api(shop.gatewayPort()).registered(email);
        Page page = browsers.open();
        page.navigate(shop.storefrontUrl() + "/products/" + fan.id());   // typed into the address bar

        press(page, page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")));
        assertThat(page).hasURL(Pattern.compile(".*/cart$"));
        press(page, page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check out")));
        assertThat(page).hasURL(Pattern.compile(".*/login\\?next=/checkout$"));
        type(page, page.getByLabel("Email"), email);
        type(page, page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)), Api.GOOD_PASSWORD);
        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile(".*/checkout$"));

        type(page, page.getByLabel("Name"), "Kim Keys");
        type(page, page.getByLabel("Address", new Page.GetByLabelOptions().setExact(true)), "2 Tab Street");
        type(page, page.getByLabel("City"), "Keyville");
        type(page, page.getByLabel("Postal code"), "54321");
        type(page, page.getByLabel("Country (two letters)"), "US");
        type(page, page.getByLabel("Card number"), PaymentSimulators.newCard("4242"));
        type(page, page.getByLabel("Expiry month"), "12");
        type(page, page.getByLabel("Expiry year"), "2031");
        type(page, page.getByLabel("Security code"), "123");
        press(page, page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")));
        assertThat(page).hasURL(ORDER_PAGE, new PageAssertions.HasURLOptions().setTimeout(60_000));
        assertThat(finalStatus(page)).isEqualTo(CONFIRMED);
    }

    @Test
    void aPasswordTheApiRefusesIsShownOnTheForm() {
        Page page = browsers.open();
        page.navigate(shop.storefrontUrl() + "/register");
        page.getByLabel("Name").fill("Bo");
        page.getByLabel("Email").fill(Api.uniqueEmail());
        page.getByLabel("Password (10 to 64 characters)").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.locator(".problem")).containsText("password");
        assertThat(page.locator("h1")).hasText("Create an account");
    }

    @Test
    void theProductPageFollowsTheStockLive() {
        Page page = browsers.open();
        page.navigate(shop.storefrontUrl() + "/products/" + lamp.id());
        int before = Integer.parseInt(page.locator("#available").textContent());
        Response received = gateway.post("/api/v1/inventory/stock/" + lamp.sku() + "/receipts", "{\"quantity\": 3}",
                shop.adminToken());
        assertThat(received.status()).as(received.body()).isEqualTo(200);
        assertThat(page.locator("#available")).hasText(Integer.toString(before + 3));
    }

    @Test
    void browsingWorksWithJavaScriptOff() {
        Page page = browsers.open(new Browser.NewContextOptions().setJavaScriptEnabled(false));
        page.navigate(shop.storefrontUrl() + "/search?q=" + lamp.word());
        page.getByText(lamp.name()).first().click();
        assertThat(page).hasURL(Pattern.compile(".*/products/" + lamp.id() + "$"));
        assertThat(page.locator(".price").first()).containsText(PRICE);
        assertThat(page.locator("#stock")).containsText("in stock");
    }

    private void signIn(Page page, String email, String next) {
        page.navigate(shop.storefrontUrl() + "/login?next=" + next);
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(Api.GOOD_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(shop.storefrontUrl() + next);
    }

    /** The checkout form as a shopper fills it: an address, and a card the page tokenizes at the provider. */
    static void fillCheckout(Page page, String name, String card) {
        page.getByLabel("Name").fill(name);
        page.getByLabel("Address", new Page.GetByLabelOptions().setExact(true)).fill("1 Walk Road");
        page.getByLabel("City").fill("Testville");
        page.getByLabel("Postal code").fill("12345");
        page.getByLabel("Country (two letters)").fill("US");
        page.getByLabel("Card number").fill(card);
        page.getByLabel("Expiry month").fill("12");
        page.getByLabel("Expiry year").fill("2031");
        page.getByLabel("Security code").fill("123");
    }

    /** The order's status once the saga has ended (PENDING while a slow first step is retried: the shopper reloads). */
    private static String finalStatus(Page page) {
        return await("the checkout saga ended").atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    page.reload();
                    return page.locator("#status").textContent();
                }, s -> !s.equals(PENDING));
    }

    /** Tabs to {@code target} (failing if it is not reachable by Tab), checks its focus shows, and presses Enter. */
    private static void press(Page page, Locator target) {
        tabTo(page, target);
        page.keyboard().press("Enter");
    }

    private static void type(Page page, Locator field, String text) {
        tabTo(page, field);
        page.keyboard().type(text);
    }

    private static void tabTo(Page page, Locator target) {
        for (int tab = 0; tab < MOST_TABS; tab++) {
            page.keyboard().press("Tab");
            if ((Boolean) target.evaluate("e => e === document.activeElement")) {
                assertThat(target.evaluate("e => getComputedStyle(e).outlineStyle")).as("a visible focus")
                        .isNotEqualTo("none");
                return;
            }
        }
        throw new AssertionError(target + " cannot be reached with Tab (" + MOST_TABS + " presses)");
    }
}
