package io.shopplatform.payment.provider;

import java.util.Locale;

/** The providers the service knows, by the name the payments table and the metrics use. */
public enum ProviderName {
    STRIPE, PAYPAL;

    /** {@code stripe}, {@code paypal}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProviderName of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
