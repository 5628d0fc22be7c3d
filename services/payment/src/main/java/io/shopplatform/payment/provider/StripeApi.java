package io.shopplatform.payment.provider;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Stripe-like API (services/payment/README.md): amounts in minor units, {@code Idempotency-Key} header, an
 * authorization is a charge with {@code capture: false}, a decline is a 402 with {@code error.code}.
 */
final class StripeApi implements ProviderApi {

    private final ProviderHttp http;

    StripeApi(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public CardDetails card(String token) {
        ProviderHttp.Reply r = http.get("/v1/tokens/" + token);
        if (r.status() != 200) {
            throw http.refused(r, "unknown_token");
        }
        return new CardDetails(r.body().path("card").path("last4").asText(), r.body().path("card").path("brand").asText(),
                r.body().path("card").path("fingerprint").asText());
    }

    @Override
    public ChargeResult authorize(Charge charge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", minor(charge.amount()));
        body.put("currency", charge.currency().toLowerCase(Locale.ROOT));
        body.put("source", charge.cardToken());
        body.put("capture", false);
        ProviderHttp.Reply r = http.post(ProviderName.STRIPE.model().chargePath(), body, charge.idempotencyKey());
        if (r.status() == 402) {
            return ChargeResult.declined(r.body().path("error").path("code").asText("card_declined"));
        }
        if (r.status() != 200) {
            throw http.refused(r, r.body().path("error").path("code").asText(null));
        }
        return ChargeResult.approved(r.text("id"));
    }

    @Override
    public Optional<ChargeResult> lookup(String idempotencyKey) {
        ProviderHttp.Reply r = http.get("/v1/charges/by-idempotency-key/" + idempotencyKey);
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (r.status() != 200) {
            throw http.refused(r, null);
        }
        return Optional.of(ChargeResult.approved(r.text("id")));
    }

    @Override
    public void capture(String reference, BigDecimal amount, String currency, String idempotencyKey) {
        expect(http.post("/v1/charges/" + reference + "/capture", Map.of("amount", minor(amount)), idempotencyKey));
    }

    @Override
    public void voidAuthorization(String reference, String idempotencyKey) {
        expect(http.post("/v1/charges/" + reference + "/cancel", Map.of(), idempotencyKey));
    }

    @Override
    public String refund(String reference, BigDecimal amount, String currency, String idempotencyKey) {
        return expect(http.post("/v1/refunds", Map.of("charge", reference, "amount", minor(amount)), idempotencyKey))
                .text("id");
    }

    private ProviderHttp.Reply expect(ProviderHttp.Reply r) {
        if (r.status() != 200) {
            throw http.refused(r, r.body().path("error").path("code").asText(null));
        }
        return r;
    }

    private static long minor(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }
}
