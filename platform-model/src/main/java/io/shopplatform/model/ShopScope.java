package io.shopplatform.model;

import java.util.regex.Pattern;

/**
 * Which shop a process belongs to on a data tier it shares: the cluster's or a developer's shop (the empty scope,
 * names exactly as they are), or the integration tests' ({@code shop.scope=test}) beside a developer's running shop.
 * The tests have a database of their own, but the broker, the search engine, Redis and memcached are one, and ids
 * collide between the two databases: every topic, index and cache key a service names goes through its scope.
 *
 * @param name lowercase letters and digits (valid in a topic, an index and a key; no Redis hash tag), or empty
 */
public record ShopScope(String name) {

    /** The property a service reads its scope from; unset = {@link #NONE} (nothing in the cluster sets it). */
    public static final String PROPERTY = "shop.scope";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]*");   // before NONE, which its constructor checks
    public static final ShopScope NONE = new ShopScope("");

    public ShopScope {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(PROPERTY + " must be lowercase letters and digits, or empty: " + name);
        }
    }

    /** A Kafka topic: {@code test.orders.order}; dead-letter topics follow from it. */
    public String topic(String topic) {
        return name.isEmpty() ? topic : name + "." + topic;
    }

    /** A search index: {@code test-products}. */
    public String index(String index) {
        return name.isEmpty() ? index : name + "-" + index;
    }

    /** The prefix of every Redis and memcached key: {@code test:} (before any hash tag, so slots are kept). */
    public String keyPrefix() {
        return name.isEmpty() ? "" : name + ":";
    }

    public String key(String key) {
        return keyPrefix() + key;
    }
}
