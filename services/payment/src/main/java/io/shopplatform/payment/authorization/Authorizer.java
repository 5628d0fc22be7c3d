package io.shopplatform.payment.authorization;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.payment.fraud.FraudRules;
import io.shopplatform.payment.provider.CardDetails;
import io.shopplatform.payment.provider.Charge;
import io.shopplatform.payment.provider.ChargeResult;
import io.shopplatform.payment.provider.Provider;
import io.shopplatform.payment.provider.ProviderFailure;
import io.shopplatform.payment.provider.ProviderName;
import io.shopplatform.payment.provider.Providers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One round of authorization of a payment, with no transaction open: describe the card (primary, else fallback),
 * screen it (fraud rules), then charge the primary and fall back to the secondary only when the primary certainly
 * did not charge. Every try carries the payment's charge key, so a provider that already charged answers with that
 * charge. After a timeout the provider is asked (lookup by key) before anyone else is tried; when it cannot say,
 * the payment stays PENDING and the next round asks it again.
 */
@Component
class Authorizer {

    private static final Logger log = LoggerFactory.getLogger(Authorizer.class);

    private final Providers providers;
    private final FraudRules fraud;
    private final MeterRegistry meters;

    Authorizer(Providers providers, FraudRules fraud, MeterRegistry meters) {
        this.providers = providers;
        this.fraud = fraud;
        this.meters = meters;
    }

    /** @param screen false for a payment a reviewer approved */
    Outcome authorize(PaymentRow p, boolean screen) {
        List<Attempt> attempts = new ArrayList<>();
        CardDetails card = p.cardLast4() == null ? null
                : new CardDetails(p.cardLast4(), p.cardBrand(), p.cardFingerprint());
        if (card == null) {
            for (Provider provider : providers.inOrder()) {
                try {
                    card = provider.card(p.cardToken());
                    break;
                } catch (ProviderFailure f) {
                    if (f.kind() == ProviderFailure.Kind.REFUSED) {
                        return new Outcome.Declined(provider.name(), "invalid_card_token", null, attempts);
                    }
                    log.info("payment {}: {} could not describe the card ({})", p.id(), provider.name().id(), f.code());
                }
            }
            if (card == null) {
                return new Outcome.Pending(null, "providers_unavailable", null, attempts);
            }
        }
        if (screen) {
            Optional<String> hold = fraud.holdReason(p.id(), p.userId(), card.fingerprint(), p.amount());
            if (hold.isPresent()) {
                return new Outcome.Held(hold.get(), card, attempts);
            }
        }
        Charge charge = new Charge(p.chargeKey(), p.amount(), p.currency(), p.cardToken());
        if (PaymentRow.UNCERTAIN.equals(p.failureCode())) {
            // The last round lost the answer of this provider: nobody else may charge until it has said no.
            Provider uncertain = providers.get(p.provider());
            try {
                Optional<ChargeResult> made = uncertain.lookup(charge.idempotencyKey());
                if (made.isPresent()) {
                    return new Outcome.Authorized(uncertain.name(), made.get().reference(), card, attempts);
                }
            } catch (ProviderFailure f) {
                return new Outcome.Pending(uncertain.name(), "still_uncertain", card, attempts);
            }
        }
        for (Provider provider : providers.inOrder()) {
            Instant started = Instant.now();
            try {
                ChargeResult r = provider.authorize(charge);
                attempts.add(attempt(provider.name(), r.approved() ? "SUCCEEDED" : "DECLINED", r.reference(),
                        r.declineCode(), null, started));
                return r.approved() ? new Outcome.Authorized(provider.name(), r.reference(), card, attempts)
                        : new Outcome.Declined(provider.name(), r.declineCode(), card, attempts);
            } catch (ProviderFailure f) {
                attempts.add(attempt(provider.name(), outcomeOf(f), null, f.code(), f.getMessage(), started));
                switch (f.kind()) {
                    case REFUSED -> {
                        return new Outcome.Declined(provider.name(), f.code(), card, attempts);
                    }
                    case NOT_DONE -> log.info("payment {}: {} did not charge ({}), trying the next provider", p.id(),
                            provider.name().id(), f.code());
                    case UNCERTAIN -> {
                        try {
                            Optional<ChargeResult> made = provider.lookup(charge.idempotencyKey());
                            if (made.isPresent()) {
                                log.info("payment {}: {} timed out but had charged", p.id(), provider.name().id());
                                return new Outcome.Authorized(provider.name(), made.get().reference(), card, attempts);
                            }
                            log.info("payment {}: {} timed out and had not charged, trying the next provider", p.id(),
                                    provider.name().id());
                        } catch (ProviderFailure lookup) {
                            log.warn("payment {}: {} timed out and cannot say whether it charged ({}); pending",
                                    p.id(), provider.name().id(), lookup.code());
                            return new Outcome.Pending(provider.name(), "uncertain", card, attempts);
                        }
                    }
                }
            }
        }
        return new Outcome.Pending(null, "providers_unavailable", card, attempts);
    }

    private Attempt attempt(ProviderName provider, String outcome, String reference, String code, String message,
                            Instant started) {
        Counter.builder("shop_payment_authorizations_total")
                .description("authorization calls per provider and outcome: the payment success rate per provider")
                .tag("provider", provider.id()).tag("outcome", outcome.toLowerCase(Locale.ROOT))
                .register(meters).increment();
        return new Attempt(provider, "AUTHORIZE", outcome, reference, code, message, started);
    }

    private static String outcomeOf(ProviderFailure f) {
        return switch (f.code()) {
            case "circuit_open" -> "CIRCUIT_OPEN";
            case "timeout" -> "TIMEOUT";
            default -> "ERROR";
        };
    }
}
