package io.shopplatform.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PageAssertions;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.user.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every page of the storefront as a shopper meets it (the catalog's, a purchase's, the account's), on the whole shop with its demo catalog: checked with
 * axe-core (the npm package, fetched by the build and injected by the test) for serious or critical accessibility
 * violations, photographed for README ({@code target/screenshots/pages}), and the cold home and product pages
 * weighed with the browser's Performance API against the budget.
 */
class StorefrontPagesBrowserTests {

    /**
     * A cold page, everything it loads included: the budget set for the home page (Online Boutique's hero image alone
     * is 539 KB), held for the product page too.
     */
    private static final long PAGE_BUDGET_BYTES = 150 * 1024;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "pages");
    /** Serious and critical violations, one line each: rule, impact, help text, the elements. */
    private static final String AXE_RUN = """
            async () => (await axe.run(document)).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))""";
    /** Bytes and timings of the page just loaded: the document and every resource it fetched. */
    private static final String WEIGHT = """
            () => { const nav = performance.getEntriesByType('navigation')[0];
                    const res = performance.getEntriesByType('resource');
                    return { bytes: nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0),
                             requests: 1 + res.length, interactive: nav.domInteractive, loaded: nav.loadEventEnd }; }""";

    /** Pictures load lazily, after the load event: the page is weighed once those in view have arrived. */
    private static final String PICTURES_SHOWN = """
            () => [...document.images].filter(i => i.getBoundingClientRect().top < innerHeight)
                .every(i => i.complete && i.naturalWidth > 0)""";

    private static TheShop shop;
    private static TheShop.Stocked kettle;
    private static String axe;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeAll
    static void openTheShop() throws IOException {
        shop = TheShop.shared();
        kettle = shop.stocked("Copper kettle", "34.00", 5);
        axe = Files.readString(Path.of(System.getProperty("shop.axe.script", "target/axe-core/package/axe.min.js")));
    }

    @Test
    void everyPageAShopperMeetsHasNoSeriousAccessibilityViolation() {
        Page page = browsers.open();
        page.context().addInitScript(axe);   // before the page's own scripts, on every page, whatever its CSP
        Map<String, List<String>> violations = new LinkedHashMap<>();
        String email = Api.uniqueEmail();
        new Api(shop.gatewayPort()).registered(email);

        visit(page, "home", "/", violations);
        String category = page.locator(".categories a").first().getAttribute("href");
        visit(page, "category", category, violations);
        visit(page, "search", "/search?q=" + kettle.word(), violations);
        visit(page, "product", "/products/" + kettle.id(), violations);
        page.getByText("Add to cart").click();
        assertThat(page).hasURL(Pattern.compile(".*/cart$"));
        check(page, "cart", violations);
        visit(page, "register", "/register", violations);
        visit(page, "forgot-password", "/forgot-password", violations);
        visit(page, "reset-password", "/reset-password?token=a-link-from-a-mail", violations);
        visit(page, "sign-in", "/login?next=/checkout", violations);
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(Api.GOOD_PASSWORD);
        page.getByText("Sign in", new Page.GetByTextOptions().setExact(true)).last().click();
        assertThat(page).hasURL(Pattern.compile(".*/checkout$"));
        check(page, "checkout", violations);
        StorefrontBrowserTests.fillCheckout(page, "Axel Core", PaymentSimulators.newCard("4242"));
        page.getByText("Place order").click();
        assertThat(page).hasURL(Pattern.compile(".*/orders/\\d+$"), new PageAssertions.HasURLOptions().setTimeout(60_000));
        check(page, "order", violations);
        visit(page, "orders", "/orders", violations);
        visit(page, "account", "/account", violations);
        visit(page, "not-found", "/products/999999999", violations);
        assertThat(page.content()).as("a page, not a stack trace").doesNotContain("Exception");

        assertThat(violations).as("pages checked").hasSizeGreaterThanOrEqualTo(14);
        assertThat(violations).allSatisfy((name, found) -> assertThat(found).as(name).isEmpty());
    }

    @Test
    void theColdHomePageStaysWithinItsBudget() {
        Map<String, Object> home = weigh("/");
        Map<String, Object> product = weigh("/products/" + kettle.id());
        System.out.printf("page weight (cold, Chromium, the e2e shop with the demo catalog): %s; %s%n",
                describe("home", home), describe("product", product));
        assertThat(((Number) home.get("bytes")).longValue()).as("home page bytes").isPositive()
                .isLessThanOrEqualTo(PAGE_BUDGET_BYTES);
        assertThat(((Number) product.get("bytes")).longValue()).as("product page bytes").isPositive()
                .isLessThanOrEqualTo(PAGE_BUDGET_BYTES);
    }

    private static String describe(String name, Map<String, Object> weight) {
        return String.format("%s %.1f KB in %s requests, interactive %.0f ms, loaded %.0f ms", name,
                ((Number) weight.get("bytes")).longValue() / 1024.0, weight.get("requests"),
                ((Number) weight.get("interactive")).doubleValue(), ((Number) weight.get("loaded")).doubleValue());
    }

    /** A first visit: a browser context of its own, so nothing is cached. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> weigh(String path) {
        Page page = browsers.open(new Browser.NewContextOptions());
        page.navigate(shop.storefrontUrl() + path);
        page.waitForFunction(PICTURES_SHOWN);
        return (Map<String, Object>) page.evaluate(WEIGHT);
    }

    private void visit(Page page, String name, String path, Map<String, List<String>> violations) {
        page.navigate(shop.storefrontUrl() + path);
        check(page, name, violations);
    }

    @SuppressWarnings("unchecked")
    private static void check(Page page, String name, Map<String, List<String>> violations) {
        page.waitForLoadState();
        violations.put(name, new ArrayList<>((List<String>) page.evaluate(AXE_RUN)));
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve(name + ".png")));
    }
}
