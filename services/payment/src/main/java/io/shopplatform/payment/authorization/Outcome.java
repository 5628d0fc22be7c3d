package io.shopplatform.payment.authorization;

import io.shopplatform.payment.provider.CardDetails;
import io.shopplatform.payment.provider.ProviderName;
import java.util.List;

/** Where one round of authorization left a payment, with the provider calls it made. */
sealed interface Outcome {

    List<Attempt> attempts();

    /** @param card null when no provider could describe the card */
    CardDetails card();

    record Authorized(ProviderName provider, String reference, CardDetails card, List<Attempt> attempts)
            implements Outcome {}

    record Declined(ProviderName provider, String code, CardDetails card, List<Attempt> attempts) implements Outcome {}

    record Held(String reason, CardDetails card, List<Attempt> attempts) implements Outcome {}

    /**
     * Try again later. {@code uncertainAt}: the provider whose answer is missing for a charge it may have made; the
     * next round asks it first and tries nowhere else until it has answered.
     */
    record Pending(ProviderName uncertainAt, String reason, CardDetails card, List<Attempt> attempts)
            implements Outcome {}
}
