package io.shopplatform.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Shoppers' browsers for a test: Debian's Chromium driven by Playwright (started once per test JVM), one browser
 * context per shopper (cookies of its own), every request its pages make recorded. After each test the contexts
 * close; a failed test first leaves a screenshot of each open page in {@code target/screenshots}.
 *
 * <p>{@code @RegisterExtension final Browsers browsers = new Browsers();}
 */
final class Browsers implements AfterEachCallback {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    /** Long enough for a checkout saga's first run in fresh JVMs on a busy two-core machine. */
    private static final double TIMEOUT_MILLIS = 30_000;

    private static Browser browser;

    private final List<BrowserContext> contexts = new ArrayList<>();
    /** Every request any page of this test made, to check where they went. */
    final List<Request> requests = new CopyOnWriteArrayList<>();

    /** A new shopper's page, JavaScript on. */
    Page open() {
        return open(new Browser.NewContextOptions());
    }

    Page open(Browser.NewContextOptions options) {
        BrowserContext context = chromium().newContext(options);
        context.setDefaultTimeout(TIMEOUT_MILLIS);
        context.onRequest(requests::add);
        contexts.add(context);
        return context.newPage();
    }

    static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getAuthority();
    }

    @Override
    public void afterEach(ExtensionContext test) {
        if (test.getExecutionException().isPresent()) {
            int n = 0;
            for (BrowserContext context : contexts) {
                for (Page page : context.pages()) {
                    page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Paths.get("target",
                            "screenshots", test.getDisplayName().replaceAll("\\W+", "_") + "-" + n++ + ".png")));
                }
            }
        }
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    private static synchronized Browser chromium() {
        if (browser == null) {
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                    .setHeadless(true));
            Runtime.getRuntime().addShutdownHook(new Thread(playwright::close));
        }
        return browser;
    }
}
