package io.shopplatform.payment.provider;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The PayPal-like API (services/payment/README.md): amounts as {@code {value, currency_code}}, {@code PayPal-Request-Id}
 * header, authorizations, captures, voids and refunds under {@code /v2/authorizations}, a decline is a 422
 * {@code INSTRUMENT_DECLINED}.
 */
final class PaypalApi implements ProviderApi {

    private final ProviderHttp http;

    PaypalApi(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public CardDetails card(String token) {
        ProviderHttp.Reply r = http.get("/v2/vault/payment-tokens/" + token);
        if (r.status() != 200) {
            throw http.refused(r, "unknown_token");
        }
        return new CardDetails(r.body().path("card").path("last_digits").asText(),
                r.body().path("card").path("brand").asText(), r.body().path("card").path("fingerprint").asText());
    }

    @Override
    public ChargeResult authorize(Charge charge) {
        ProviderHttp.Reply r = http.post(ProviderName.PAYPAL.model().chargePath(), Map.of(
                "amount", money(charge.amount(), charge.currency()),
                "payment_source", Map.of("token", Map.of("id", charge.cardToken()))), charge.idempotencyKey());
        if (r.status() == 422) {
            return ChargeResult.declined(r.text("name") == null ? "INSTRUMENT_DECLINED" : r.text("name"));
        }
        if (r.status() != 201 && r.status() != 200) {
            throw http.refused(r, r.text("name"));
        }
        return ChargeResult.approved(r.text("id"));
    }

    @Override
    public Optional<ChargeResult> lookup(String idempotencyKey) {
        ProviderHttp.Reply r = http.get("/v2/authorizations/by-request-id/" + idempotencyKey);
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (r.status() != 200) {
            throw http.refused(r, r.text("name"));
        }
        return Optional.of(ChargeResult.approved(r.text("id")));
    }

    @Override
    public void capture(String reference, BigDecimal amount, String currency, String idempotencyKey) {
        expect(http.post("/v2/authorizations/" + reference + "/capture", Map.of("amount", money(amount, currency)),
                idempotencyKey));
    }

    @Override
    public void voidAuthorization(String reference, String idempotencyKey) {
        expect(http.post("/v2/authorizations/" + reference + "/void", Map.of(), idempotencyKey));
    }

    @Override
    public String refund(String reference, BigDecimal amount, String currency, String idempotencyKey) {
        return expect(http.post("/v2/authorizations/" + reference + "/refund", Map.of("amount", money(amount, currency)),
                idempotencyKey)).text("id");
    }

    private ProviderHttp.Reply expect(ProviderHttp.Reply r) {
        if (r.status() < 200 || r.status() > 204) {
            throw http.refused(r, r.text("name"));
        }
        return r;
    }

    private static Map<String, String> money(BigDecimal amount, String currency) {
        return Map.of("value", amount.setScale(2).toPlainString(), "currency_code", currency);
    }
}
