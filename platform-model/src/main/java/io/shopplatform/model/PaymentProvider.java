package io.shopplatform.model;

import java.util.Locale;

/**
 * A payment provider the payment service charges through.
 *
 * @param name how the shop names it (the {@code provider} column of payments, metric tags, variable names)
 * @param api  its API's origin in a cluster; locally the runner's simulator takes its place
 */
public record PaymentProvider(String name, String api) {

    public PaymentProvider {
        Checks.required(name, "payment provider: name");
        Checks.required(api, name + ": api");
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
