package io.shopplatform.payment.provider;

import io.shopplatform.model.PaymentProvider;
import io.shopplatform.model.Shop;
import java.util.Locale;

/** The providers the service knows, by the name the payments table and the metrics use. */
public enum ProviderName {
    STRIPE, PAYPAL;

    /** {@code stripe}, {@code paypal}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The model's declaration of this provider (its API's charge path and idempotency header). */
    public PaymentProvider model() {
        return Shop.PAYMENT_PROVIDERS_IN_ORDER.stream().filter(p -> p.name().equals(id())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the model declares no payment provider " + id()));
    }

    public static ProviderName of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
