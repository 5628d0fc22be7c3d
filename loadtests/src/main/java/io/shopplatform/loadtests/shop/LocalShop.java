package io.shopplatform.loadtests.shop;

import io.shopplatform.local.Layout;
import io.shopplatform.model.Component;
import io.shopplatform.model.PaymentProvider;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The shop {@code ./platform up} runs on this machine: its ports from the runner's {@link Layout} (the same base port),
 * the card simulator's address from the tier's state file and its key from the payment service's environment.
 */
public final class LocalShop {

    private LocalShop() {}

    public static ShopTarget target(Path repo, String adminEmail, String adminPassword) {
        Layout layout = new Layout(repo, repo.resolve(".platform"), Layout.configuredBasePort());
        List<Component> services = Shop.PLATFORM.services();
        Map<String, String> management = new LinkedHashMap<>();
        for (int i = 0; i < services.size(); i++) {
            management.put(services.get(i).name(), "http://127.0.0.1:" + layout.managementPort(i));
        }
        String gateway = serviceUrl(repo, Shop.GATEWAY);
        PaymentProvider primary = Shop.PAYMENT_PROVIDERS_IN_ORDER.get(0);
        Properties tier = properties(layout.tierFile());
        Properties payment = properties(layout.env().resolve(Shop.PAYMENT + ".env"));
        String cardUrl = tier.getProperty("payments." + primary.name() + ".url");
        String cardKey = payment.getProperty(primary.keyVariable());
        if (cardUrl == null || cardKey == null) {
            throw new IllegalArgumentException("the local shop is not up (no " + primary.name()
                    + " simulator in " + layout.tierFile() + "): run ./platform up first");
        }
        return new ShopTarget(gateway, cardUrl, cardKey, adminEmail, adminPassword, management);
    }

    /** {@code http://127.0.0.1:port} of a service of the local shop (its API, not its management port). */
    public static String serviceUrl(Path repo, String service) {
        Layout layout = new Layout(repo, repo.resolve(".platform"), Layout.configuredBasePort());
        List<Component> services = Shop.PLATFORM.services();
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).name().equals(service)) {
                return "http://127.0.0.1:" + layout.servicePort(i);
            }
        }
        throw new IllegalArgumentException("no service " + service + " in the model");
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }
}
