package io.shopplatform.gateway;

import static org.awaitility.Awaitility.await;

import io.shopplatform.testing.DataTier;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real product service behind the gateway: its jar (built before this module), started once per test run on
 * the shared tier with exactly the environment its own tests get ({@code DataTier.env("product")}, the tests'
 * database), trusting the test issuer's keys. Stopped when the test JVM ends.
 */
public final class ProductService {

    private static ProductService shared;

    private final Process process;
    private final int port, managementPort;

    private ProductService() {
        Path jar = Path.of(System.getProperty("shop.product.jar", "../product/target/product-service.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no product service jar at " + jar + ": build services/product first");
        }
        port = freePort();
        managementPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/product-behind-gateway.log"));
        builder.environment().putAll(DataTier.shared().env("product"));
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        builder.environment().put("SHOP_USER_URL", Tokens.shared().issuerUrl());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        // A busy two-core machine starts a Spring service in tens of seconds; ready returns as soon as it is.
        await("product service up (target/product-behind-gateway.log)").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the product service exited; see target/product-behind-gateway.log");
                    }
                    return healthy();
                });
    }

    public static synchronized ProductService shared() {
        if (shared == null) {
            shared = new ProductService();
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private boolean healthy() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
