package io.shopplatform.payment.authorization;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.model.BusinessMetric;
import io.shopplatform.payment.PaymentProperties;
import io.shopplatform.payment.provider.Provider;
import io.shopplatform.payment.provider.ProviderFailure;
import io.shopplatform.payment.provider.ProviderProblems;
import io.shopplatform.payment.provider.Providers;
import io.shopplatform.service.contracts.PaymentEvent;
import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.service.problem.FieldProblemException;
import io.shopplatform.service.problem.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Authorize (idempotent per key), the retry of PENDING payments, review of held ones, capture and void. No
 * transaction is open while a provider is called: the row is written before (PENDING, leased) and after (the
 * outcome, guarded by its version).
 */
@Service
public class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    /** An authorize, and whether it made the payment (false: a replay found the one made before). */
    public record Authorized(Payment payment, boolean created) {}

    private final PaymentStore store;
    private final Authorizer authorizer;
    private final Providers providers;
    private final PaymentProperties props;
    private final ReadYourWrites fence;
    /** The payment success rate's parts: each payment once, when it settles (not per provider attempt or replay). */
    private final Map<Status, Counter> settled = new EnumMap<>(Status.class);

    Payments(PaymentStore store, Authorizer authorizer, Providers providers, PaymentProperties props,
             ReadYourWrites fence, MeterRegistry meters) {
        this.store = store;
        this.authorizer = authorizer;
        this.providers = providers;
        this.props = props;
        this.fence = fence;
        for (Status s : List.of(Status.AUTHORIZED, Status.DECLINED)) {
            settled.put(s, Counter.builder(BusinessMetric.PAYMENTS.name())
                    .tag(BusinessMetric.OUTCOME, s.name().toLowerCase(Locale.ROOT))
                    .description(BusinessMetric.PAYMENTS.description()).register(meters));
        }
    }

    public Authorized authorize(String key, PaymentRequest request) {
        String hash = hash(request);
        Optional<PaymentRow> made = store.insert(key, request, providers.inOrder().get(0).name(), hash,
                props.pending().lease());
        if (made.isEmpty()) {
            PaymentRow existing = store.byKey(key).orElseThrow(() -> new IllegalStateException("key " + key + " vanished"));
            if (!hash.equals(existing.requestHash())) {
                throw new FieldProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused",
                        "Idempotency-Key", "was used for another payment request");
            }
            return new Authorized(existing.view(), false);
        }
        return new Authorized(advance(made.get(), true).view(), true);
    }

    /**
     * One round of authorization and its outcome written; if the payment changed meanwhile (voided while PENDING),
     * an authorization this round obtained is voided at its provider so no money stays held for nothing.
     */
    private PaymentRow advance(PaymentRow p, boolean screen) {
        Outcome outcome = authorizer.authorize(p, screen);
        Optional<PaymentRow> written = store.settle(p, outcome, backoff(p.retries()));
        if (written.isPresent()) {   // committed, and by this round alone (the row's version)
            count(written.get());
            return written.get();
        }
        if (outcome instanceof Outcome.Authorized a) {
            log.info("payment {} changed while it was authorized; voiding the authorization at {}", p.id(),
                    a.provider().id());
            try {
                providers.get(a.provider()).voidAuthorization(a.reference(), "void-" + p.id());
            } catch (ProviderFailure f) {
                log.warn("payment {}: void of a superseded authorization at {} failed ({}); reconcile it", p.id(),
                        a.provider().id(), f.code());
            }
        }
        return store.current(p.id()).orElseThrow();
    }

    /** The retry job's step: the next due PENDING payment, if any, taken one round further. */
    boolean retryNextDue() {
        Optional<PaymentRow> due = store.claimDue(props.pending().lease());
        due.ifPresent(p -> {
            PaymentRow after = advance(p, p.holdReason() == null);
            log.info("pending payment {} retried: {}", p.id(), after.status());
        });
        return due.isPresent();
    }

    /** A reviewer's decision on a HELD payment: approve authorizes it (no more screening), reject declines it. */
    public Payment review(UUID id, boolean approve) {
        PaymentRow p = store.current(id).orElseThrow(() -> new NotFoundException("payment", id));
        if (p.status() != Status.HELD) {
            if (approve ? p.status() != Status.DECLINED : p.status() == Status.DECLINED) {
                return p.view();   // the same decision again
            }
            throw conflict(p, approve ? "cannot be approved" : "cannot be rejected");
        }
        if (!approve) {
            PaymentRow declined = store.transition(p, Status.DECLINED, PaymentEvent.DECLINED, "fraud_rejected", null)
                    .orElseThrow(() -> conflict(p, "changed meanwhile"));
            count(declined);
            return declined.view();
        }
        PaymentRow pending = store.transition(p, Status.PENDING, null, null, null)
                .orElseThrow(() -> conflict(p, "changed meanwhile"));
        return advance(pending, false).view();
    }

    /** A final outcome (authorized or declined) counted; PENDING and HELD are counted when they settle. */
    private void count(PaymentRow p) {
        Counter c = settled.get(p.status());
        if (c != null) {
            c.increment();
        }
    }

    public Payment get(UUID id) {
        return fence.read(() -> store.byId(id)).orElseThrow(() -> new NotFoundException("payment", id)).view();
    }

    public List<Payment> ofOrder(long orderId) {
        return fence.read(() -> store.byOrder(orderId)).stream().map(PaymentRow::view).toList();
    }

    /** Takes the authorized money; capturing again answers the same. */
    public Payment capture(UUID id) {
        PaymentRow p = store.current(id).orElseThrow(() -> new NotFoundException("payment", id));
        if (p.status().captured()) {
            return p.view();
        }
        if (p.status() != Status.AUTHORIZED) {
            throw conflict(p, "cannot be captured");
        }
        Provider provider = providers.get(p.provider());
        Instant started = Instant.now();
        call(p, () -> provider.capture(p.providerReference(), p.amount(), p.currency(), "capture-" + p.id()));
        return store.transition(p, Status.CAPTURED, PaymentEvent.CAPTURED, null, new Attempt(p.provider(), "CAPTURE",
                        "SUCCEEDED", p.providerReference(), null, null, started))
                .orElseGet(() -> settledMeanwhile(p, Status.CAPTURED, "cannot be captured")).view();
    }

    /**
     * Releases an authorization (the saga's compensation); voiding again answers the same. A PENDING or HELD
     * payment is voided before any provider charged it (a round in flight voids what it gets, see advance).
     */
    public Payment voidPayment(UUID id) {
        PaymentRow p = store.current(id).orElseThrow(() -> new NotFoundException("payment", id));
        switch (p.status()) {
            case VOIDED -> {
                return p.view();
            }
            case PENDING, HELD -> {
                return store.transition(p, Status.VOIDED, PaymentEvent.VOIDED, null, null)
                        .orElseGet(() -> settledMeanwhile(p, Status.VOIDED, "cannot be voided")).view();
            }
            case AUTHORIZED -> {
                Provider provider = providers.get(p.provider());
                Instant started = Instant.now();
                call(p, () -> provider.voidAuthorization(p.providerReference(), "void-" + p.id()));
                return store.transition(p, Status.VOIDED, PaymentEvent.VOIDED, null, new Attempt(p.provider(),
                                "VOID", "SUCCEEDED", p.providerReference(), null, null, started))
                        .orElseGet(() -> settledMeanwhile(p, Status.VOIDED, "cannot be voided")).view();
            }
            default -> throw conflict(p, "cannot be voided");
        }
    }

    /** A twin request moved the payment first: fine if it moved where this one wanted, a conflict otherwise. */
    private PaymentRow settledMeanwhile(PaymentRow before, Status wanted, String what) {
        PaymentRow now = store.current(before.id()).orElseThrow();
        if (now.status() == wanted || (wanted == Status.CAPTURED && now.status().captured())) {
            return now;
        }
        throw conflict(now, what);
    }

    /** A provider call for capture or void: unavailable is a 503 to retry, a refusal a 409. */
    private static void call(PaymentRow p, Runnable call) {
        try {
            call.run();
        } catch (ProviderFailure f) {
            if (f.kind() == ProviderFailure.Kind.REFUSED) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                        f.provider().id() + " refused the operation on payment " + p.id() + " (" + f.code() + ")");
                problem.setTitle("Provider refused");
                throw new ErrorResponseException(HttpStatus.CONFLICT, problem, f);
            }
            throw ProviderProblems.unavailable(f, "retry with the same request");
        }
    }

    static ErrorResponseException conflict(PaymentRow p, String what) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "payment " + p.id() + " is " + p.status() + " and " + what);
        problem.setTitle("Payment state forbids it");
        problem.setProperty("status", p.status());
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    private Duration backoff(int retries) {
        Duration wait = props.pending().firstBackoff().multipliedBy(1L << Math.min(retries, 20));
        return wait.compareTo(props.pending().longestBackoff()) > 0 ? props.pending().longestBackoff() : wait;
    }

    /** What makes two requests under one key the same request. */
    private static String hash(PaymentRequest r) {
        String canonical = r.orderId() + "|" + r.userId() + "|" + r.amount().setScale(2).toPlainString() + "|"
                + r.currency() + "|" + r.cardToken();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
