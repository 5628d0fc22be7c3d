package io.shopplatform.model;

import java.util.Locale;

/**
 * A payment provider the payment service charges through.
 *
 * @param name              how the shop names it (the {@code provider} column of payments, metric tags, variable names)
 * @param api               its API's origin in a cluster; locally the runner's simulator takes its place
 * @param chargePath        where its API takes a charge (an authorization to capture later)
 * @param idempotencyHeader the request header under which it makes a charge at most once per key
 */
public record PaymentProvider(String name, String api, String chargePath, String idempotencyHeader) {

    public PaymentProvider {
        Checks.required(name, "payment provider: name");
        Checks.required(api, name + ": api");
        Checks.required(chargePath, name + ": chargePath");
        Checks.required(idempotencyHeader, name + ": idempotencyHeader");
    }

    /** {@code SHOP_PAYMENT_STRIPE_URL}: where the payment service reaches it. */
    public String urlVariable() {
        return "SHOP_PAYMENT_" + name.toUpperCase(Locale.ROOT) + "_URL";
    }

    /** {@code SHOP_PAYMENT_STRIPE_KEY}: the API key it is called with (secret). */
    public String keyVariable() {
        return "SHOP_PAYMENT_" + name.toUpperCase(Locale.ROOT) + "_KEY";
    }
}
