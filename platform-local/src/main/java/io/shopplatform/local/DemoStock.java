package io.shopplatform.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.local.machine.Console;
import io.shopplatform.local.machine.Secrets;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Stock for the demo catalog, so a shopper can buy on the first {@code up}: through the shop's own API, as an
 * operator would receive goods (an administrator of the runner's own, made the way {@code ./platform admin create}
 * makes one). Only SKUs inventory has never seen get a receipt, so a later {@code up} adds nothing and an
 * interrupted one finishes the rest.
 */
final class DemoStock {

    /** Units received per demo SKU: enough for a few shoppers, few enough that selling out can be tried. */
    static final int UNITS = 25;
    private static final String ADMIN = "demo-stock@shop.test";
    private static final int PAGE = 100, CALLS_AT_ONCE = 4, RATE_LIMITED_RETRIES = 30;
    private static final Duration ADMIN_JOB = Duration.ofMinutes(5);

    private final String api;
    private final Path userJar, log;
    private final Map<String, String> userEnv;
    private final Secrets secrets;
    private final Console console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    DemoStock(String gatewayUrl, Path userJar, Path log, Map<String, String> userEnv, Secrets secrets,
              Console console) {
        this.api = gatewayUrl + "/api/v1";
        this.userJar = userJar;
        this.log = log;
        this.userEnv = userEnv;
        this.secrets = secrets;
        this.console = console;
    }

    void receive() {
        List<String> unstocked = new ArrayList<>();
        for (String sku : skusWithoutStock()) {
            if (call("GET", "/inventory/stock/" + sku, null, null).statusCode() == 404) {
                unstocked.add(sku);
            }
        }
        if (unstocked.isEmpty()) {
            return;
        }
        console.line("receiving " + UNITS + " units of each of " + unstocked.size() + " demo products (inventory's API)...");
        String token = adminToken();
        ExecutorService pool = Executors.newFixedThreadPool(CALLS_AT_ONCE);
        try {
            List<Future<HttpResponse<String>>> receipts = new ArrayList<>();
            for (String sku : unstocked) {
                receipts.add(pool.submit(() -> call("POST", "/inventory/stock/" + sku + "/receipts",
                        body(Map.of("quantity", UNITS, "reason", "demo stock")), token)));
            }
            for (Future<HttpResponse<String>> r : receipts) {
                int status = r.get().statusCode();
                if (status >= 300) {
                    throw new PlatformException("inventory refused a demo stock receipt (" + status + "): "
                            + r.get().body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new PlatformException("demo stock: " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The SKUs whose product shows no stock level yet (inventory's events fill it in): each root category's listing
     * holds its subcategories' products too. Once stocked, a later {@code up} only pages through the listings.
     */
    private List<String> skusWithoutStock() {
        List<String> skus = new ArrayList<>();
        for (JsonNode root : read(call("GET", "/categories", null, null))) {
            for (int page = 0; ; page++) {
                JsonNode listing = read(call("GET", "/products?category=" + root.path("id").asLong() + "&size=" + PAGE
                        + "&page=" + page, null, null));
                listing.path("items").forEach(p -> {
                    if (p.path("stock").isNull()) {
                        skus.add(p.path("sku").asText());
                    }
                });
                if ((long) (page + 1) * PAGE >= listing.path("total").asLong()) {
                    break;
                }
            }
        }
        return skus;
    }

    /** The runner's own administrator (made or confirmed by the user service's one-off job), logged in. */
    private String adminToken() {
        String password = secrets.password("demo-stock-admin");
        ProcessBuilder job = new ProcessBuilder(io.shopplatform.local.servers.Kafka.java(), "-jar", userJar.toString(),
                "--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--shop.admin.create=" + ADMIN).redirectErrorStream(true).redirectOutput(log.toFile());
        job.environment().putAll(userEnv);
        job.environment().put("SHOP_ADMIN_PASSWORD", password);
        try {
            Process p = job.start();
            if (!p.waitFor(ADMIN_JOB.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new PlatformException("could not make the demo stock's administrator; see " + log);
            }
        } catch (IOException e) {
            throw new PlatformException("could not start the user service's admin job: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted");
        }
        HttpResponse<String> login = call("POST", "/auth/login", body(Map.of("email", ADMIN, "password", password)), null);
        return read(login).path("accessToken").asText();
    }

    private String body(Map<String, Object> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new PlatformException("the shop's API answered " + response.statusCode() + " while stocking the demo "
                    + "catalog: " + response.body());
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new PlatformException("unreadable answer from the shop's API: " + e.getMessage());
        }
    }

    private HttpResponse<String> call(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // The gateway limits each client (the runner is one): a large catalog waits as long as each answer says.
            for (int retry = 0; response.statusCode() == 429 && retry < RATE_LIMITED_RETRIES; retry++) {
                Thread.sleep(1000 * response.headers().firstValueAsLong("Retry-After").orElse(1));
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return response;
        } catch (IOException e) {
            throw new PlatformException("the shop's API did not answer " + method + " " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted");
        }
    }
}
