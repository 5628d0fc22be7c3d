package io.shopplatform.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The configuration contract: for each edge, the environment variables through which the caller learns
 * where the callee is and how to authenticate, and each component's own {@link Setting}s. In Kubernetes plain values
 * come from a ConfigMap and secret ones from a Secret; locally the runner sets the same names. Services read only
 * these (as {@code ${SHOP_...}}).
 */
public final class Wiring {

    /** One environment variable; {@code secret} ones are never written to a ConfigMap or a log. */
    public record Variable(String name, boolean secret) {}

    /**
     * A variable a component reads for itself rather than to reach a callee; {@code source} says where its value
     * comes from, the same way in the cluster (manifests-synth, infra) and locally (the runner).
     */
    public record Setting(Variable variable, Source source, String fixedValue) {
        public enum Source {
            /** {@code fixedValue}, everywhere. */
            FIXED,
            /** A random secret generated per environment (infra) or per local tier (the runner). */
            GENERATED_SECRET,
            /**
             * The origin shoppers' browsers load the shop from (its pages, and the links in its mail): https://domain
             * in a cluster, whose default backend is the storefront; the storefront's own address locally.
             */
            PUBLIC_ORIGIN,
            /** Proxies in front of the gateway that append to X-Forwarded-For: Google's load balancer; none locally. */
            FRONT_PROXIES,
            /**
             * Where shoppers' browsers tokenize cards: the primary payment provider's API in a cluster, its simulator
             * locally. Card numbers go there straight from the browser and never reach the shop's servers.
             */
            CARD_TOKENIZATION
        }

        /** The name a generated secret is known by among the environment's passwords: user-key-secret. */
        public String purpose() {
            return variable.name().substring("SHOP_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Setting fixed(String name, String value) {
            return new Setting(plain(name), Source.FIXED, value);
        }

        static Setting derived(String name, Source source) {
            return new Setting(new Variable(name, source == Source.GENERATED_SECRET), source, null);
        }
    }

    public static final String PUBLIC_ORIGIN = "SHOP_PUBLIC_ORIGIN";
    /** The storefront's: the origin its checkout page tokenizes cards at (allowed by its Content-Security-Policy). */
    public static final String CARD_TOKENS_URL = "SHOP_CARD_TOKENS_URL";

    /** A service's database connection pool size: {@link ConnectionBudget#servicePool()} of its environment. */
    public static final String DB_POOL_SIZE = "SHOP_DB_POOL_SIZE";

    private Wiring() {}

    /** The variables a component needs to use {@code edge}; empty for edges that carry no client config. */
    public static List<Variable> variables(Platform platform, Edge edge) {
        Kind caller = platform.component(edge.from()).kind();
        if (edge.from().equals(edge.to()) || (caller != Kind.SERVICE && caller != Kind.JOB && caller != Kind.TASK)) {
            return List.of();   // only our own code reads SHOP_*; servers are configured by their own files
        }
        Component to = platform.component(edge.to());
        return switch (to.name()) {
            // A service also learns its connection pool's size, derived from the connection budget.
            case Shop.PGPOOL, Shop.POSTGRES -> !edge.port().equals("postgres") ? List.of()
                    : caller == Kind.SERVICE ? List.of(plain("SHOP_DB_URL"), secret("SHOP_DB_USER"),
                            secret("SHOP_DB_PASSWORD"), plain(DB_POOL_SIZE))
                    : List.of(plain("SHOP_DB_URL"), secret("SHOP_DB_USER"), secret("SHOP_DB_PASSWORD"));
            case Shop.REDIS -> List.of(plain("SHOP_REDIS_NODES"), secret("SHOP_REDIS_PASSWORD"));
            case Shop.MEMCACHED -> List.of(plain("SHOP_MEMCACHED_SERVERS"), secret("SHOP_MEMCACHED_USER"),
                    secret("SHOP_MEMCACHED_PASSWORD"));
            case Shop.KAFKA -> List.of(plain("SHOP_KAFKA_BOOTSTRAP"), secret("SHOP_KAFKA_USER"), secret("SHOP_KAFKA_PASSWORD"));
            case Shop.SEARCH -> List.of(plain("SHOP_SEARCH_URL"), secret("SHOP_SEARCH_USER"), secret("SHOP_SEARCH_PASSWORD"));
            case Shop.MAIL -> List.of(plain("SHOP_MAIL_HOST"), plain("SHOP_MAIL_PORT"), secret("SHOP_MAIL_USER"),
                    secret("SHOP_MAIL_PASSWORD"));
            case Shop.PAYMENT_PROVIDERS -> Shop.PAYMENT_PROVIDERS_IN_ORDER.stream()
                    .flatMap(p -> Stream.of(plain(p.urlVariable()), secret(p.keyVariable()))).toList();
            default -> to.isService() ? List.of(plain(serviceUrlVariable(to.name()))) : List.of();
        };
    }

    /** A component's own settings. */
    public static List<Setting> settings(String component) {
        return switch (component) {
            // The origin is where CORS lets browsers call from and what links in mail point at.
            case Shop.GATEWAY -> List.of(Setting.derived(PUBLIC_ORIGIN, Setting.Source.PUBLIC_ORIGIN),
                    Setting.derived("SHOP_TRUSTED_PROXIES", Setting.Source.FRONT_PROXIES));
            // Signing keys are stored encrypted with the key secret, never in the image or the repository.
            // It also holds every service client's secret, to issue that client its tokens.
            case Shop.USER -> Stream.concat(Stream.of(Setting.derived(PUBLIC_ORIGIN, Setting.Source.PUBLIC_ORIGIN),
                    Setting.derived("SHOP_USER_KEY_SECRET", Setting.Source.GENERATED_SECRET),
                    Setting.fixed("SHOP_USER_KEY_ROTATE_EVERY", Shop.SIGNING_KEY_ROTATION.toHours() + "h")),
                    Shop.SERVICE_CLIENTS.stream().map(Wiring::clientSecret)).toList();
            case Shop.STOREFRONT -> List.of(Setting.derived(CARD_TOKENS_URL, Setting.Source.CARD_TOKENIZATION));
            default -> Shop.SERVICE_CLIENTS.contains(component) ? List.of(clientSecret(component)) : List.of();
        };
    }

    /** Every variable a component reads, in edge order, then its own settings, without repeats. */
    public static List<Variable> variablesOf(Platform platform, String component) {
        List<Variable> all = new ArrayList<>();
        for (Edge e : platform.edgesFrom(component)) {
            for (Variable v : variables(platform, e)) {
                if (!all.contains(v)) {
                    all.add(v);
                }
            }
        }
        settings(component).stream().map(Setting::variable).filter(v -> !all.contains(v)).forEach(all::add);
        return all;
    }

    /** {@code SHOP_ORDER_CLIENT_SECRET}: generated once, so the client and the user service read the same value. */
    private static Setting clientSecret(String service) {
        return Setting.derived("SHOP_" + service.toUpperCase(Locale.ROOT) + "_CLIENT_SECRET",
                Setting.Source.GENERATED_SECRET);
    }

    /** {@code SHOP_INVENTORY_URL} for the inventory service. */
    public static String serviceUrlVariable(String service) {
        return "SHOP_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
    }

    private static Variable plain(String name) {
        return new Variable(name, false);
    }

    private static Variable secret(String name) {
        return new Variable(name, true);
    }
}
