package io.shopplatform.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.JsonHttp.Response;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.user.Api;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The storefront in a real browser (Debian's Chromium, driven by Playwright) on the whole shop ({@link TheShop},
 * started once for every e2e test): a shopper finds a product, fills a cart, registers, pays with a card the page
 * tokenizes at the payment provider, and sees the order confirmed and in their history; the API's refusals are
 * messages on the page; the product page follows the stock live; browsing works with JavaScript off. A failing test leaves a screenshot in target/screenshots.
 */
class StorefrontBrowserTests {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final String PRICE = "12.50", STOCKED = "5";
    private static final String CONFIRMED = "CONFIRMED", PENDING = "PENDING";

    private static TheShop shop;
    private static JsonHttp gateway;
    private static Playwright playwright;
    private static Browser browser;
    private static String word;
    private static long productId;
    private static String sku;

    private BrowserContext context;
    private Page page;
    /** Every request the browser made, to check that none leaves the shop (bar the card, to the provider). */
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext test, Throwable cause) {
            if (page != null) {
                page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                        .setPath(Paths.get("target", "screenshots", test.getDisplayName().replaceAll("\\W+", "_") + ".png")));
            }
        }
    };

    @BeforeAll
    static void openTheShopAndABrowser() {
        shop = TheShop.shared();
        gateway = new JsonHttp(shop.gatewayPort());
        // A product of this run's own, stocked, and found by search (the index follows the catalog's events).
        String admin = shop.adminToken();
        word = "browser" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        sku = "E2E-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
        Response created = gateway.post("/api/v1/products", """
                {"sku": "%s", "name": "Reading lamp %s", "description": "A warm light.", "price": %s, "status": "ACTIVE"}"""
                .formatted(sku, word, PRICE), admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        productId = ((Number) created.json("$.id")).longValue();
        Response received = gateway.post("/api/v1/inventory/stock/" + sku + "/receipts", "{\"quantity\": " + STOCKED + "}", admin);
        assertThat(received.status()).as(received.body()).isEqualTo(200);
        await("the product found by search").atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500))
                .until(() -> gateway.get("/api/v1/search?q=" + word, null).<List<Integer>>json("$.items[*].id"),
                        ids -> ids.size() == 1);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (playwright != null) {
            playwright.close();
        }
    }

    private Page open(boolean javaScript) {
        context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(javaScript));
        context.setDefaultTimeout(30_000);
        page = context.newPage();
        page.onRequest(requests::add);
        return page;
    }

    @AfterEach
    void closeTheContext() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aShopperFindsAProductFillsACartRegistersPaysByCardAndSeesTheOrder() {
        Page page = open(true);
        page.navigate(shop.storefrontUrl() + "/");
        assertThat(page.locator("h1")).hasText("Welcome to the shop");

        // Finds the product by search, sees its stock, puts two in the cart before signing in.
        page.getByLabel("Search products").fill(word);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Search").setExact(true)).first().click();
        page.getByText("Reading lamp " + word).click();
        // What inventory holds now: the live-stock test may have received more before this one ran.
        Object available = gateway.get("/api/v1/inventory/stock/" + sku, shop.adminToken()).json("$.available");
        assertThat(page.locator("#available")).hasText(String.valueOf(available));
        page.getByLabel("Quantity").fill("2");
        page.getByText("Add to cart").click();
        assertThat(page).hasURL(Pattern.compile(".*/cart$"));
        assertThat(page.locator("#subtotal")).hasText("25.00");

        // Checking out asks for an account; registering brings the cart along.
        page.getByText("Check out").click();
        assertThat(page).hasURL(Pattern.compile(".*/login\\?next=/checkout$"));
        page.getByText("Create an account").click();
        page.getByLabel("Name").fill("Ana Browser");
        page.getByLabel("Email").fill(Api.uniqueEmail());
        page.getByLabel("Password (10 to 64 characters)").fill(Api.GOOD_PASSWORD);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page).hasURL(Pattern.compile(".*/checkout$"));
        assertThat(page.locator("#subtotal")).hasText("25.00");

        // Address and card; the page tokenizes the card at the provider and posts only the token.
        page.getByLabel("Name").fill("Ana Browser");
        page.getByLabel("Address", new Page.GetByLabelOptions().setExact(true)).fill("1 Walk Road");
        page.getByLabel("City").fill("Testville");
        page.getByLabel("Postal code").fill("12345");
        page.getByLabel("Country (two letters)").fill("US");
        String card = PaymentSimulators.newCard("4242");
        page.getByLabel("Card number").fill(card);
        page.getByLabel("Expiry month").fill("12");
        page.getByLabel("Expiry year").fill("2031");
        page.getByLabel("Security code").fill("123");
        page.getByText("Place order").click();
        assertThat(page).hasURL(Pattern.compile(".*/orders/\\d+$"), new com.microsoft.playwright.assertions
                .PageAssertions.HasURLOptions().setTimeout(60_000));
        String orderId = page.url().replaceAll(".*/orders/", "");
        // PENDING while a slow first saga step is retried; the shopper reloads until it has ended.
        String status = await("the checkout saga ended").atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    page.reload();
                    return page.locator("#status").textContent();
                }, s -> !s.equals(PENDING));
        assertThat(status).isEqualTo(CONFIRMED);

        page.getByText("All your orders").click();
        assertThat(page.locator("tr.order").first()).containsText(orderId);
        assertThat(page.locator("tr.order").first()).containsText(CONFIRMED);

        // The card number went to the provider only; nothing else left the shop's origin.
        String shopOrigin = origin(shop.storefrontUrl());
        String provider = origin(PaymentSimulators.shared().url(PaymentSimulators.Sim.STRIPE));
        assertThat(requests).allSatisfy(r -> assertThat(origin(r.url())).isIn(shopOrigin, provider));
        assertThat(requests).filteredOn(r -> origin(r.url()).equals(provider)).extracting(Request::method)
                .contains("POST");
        assertThat(requests).filteredOn(r -> origin(r.url()).equals(shopOrigin) && r.postData() != null)
                .allSatisfy(r -> assertThat(r.postData()).doesNotContain(card));
    }

    @Test
    void aPasswordTheApiRefusesIsShownOnTheForm() {
        Page page = open(true);
        page.navigate(shop.storefrontUrl() + "/register");
        page.getByLabel("Name").fill("Bo");
        page.getByLabel("Email").fill(Api.uniqueEmail());
        page.getByLabel("Password (10 to 64 characters)").fill("short");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.locator(".problem")).containsText("password");
        assertThat(page.locator("h1")).hasText("Create an account");
    }

    @Test
    void theProductPageFollowsTheStockLive() {
        Page page = open(true);
        page.navigate(shop.storefrontUrl() + "/products/" + productId);
        int before = Integer.parseInt(page.locator("#available").textContent());
        Response received = gateway.post("/api/v1/inventory/stock/" + sku + "/receipts", "{\"quantity\": 3}",
                shop.adminToken());
        assertThat(received.status()).as(received.body()).isEqualTo(200);
        assertThat(page.locator("#available")).hasText(Integer.toString(before + 3));
    }

    @Test
    void browsingWorksWithJavaScriptOff() {
        Page page = open(false);
        page.navigate(shop.storefrontUrl() + "/search?q=" + word);
        page.getByText("Reading lamp " + word).click();
        assertThat(page).hasURL(Pattern.compile(".*/products/" + productId + "$"));
        assertThat(page.locator(".price").first()).containsText(PRICE);
        assertThat(page.locator("#stock")).containsText("in stock");
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getAuthority();
    }
}
