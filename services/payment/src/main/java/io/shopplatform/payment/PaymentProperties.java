package io.shopplatform.payment;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The payment service's settings ({@code shop.payment.*}).
 *
 * @param primary    the provider tried first ({@code stripe} or {@code paypal}); the other is the fallback
 * @param providers  where each provider is and the key the service authenticates with
 * @param resilience how each provider is called (one breaker, retry, bulkhead and time limit per provider)
 * @param pending    the job that retries payments neither provider could answer
 * @param fraud      the rules that hold a payment for review
 */
@ConfigurationProperties("shop.payment")
public record PaymentProperties(String primary, Map<String, Endpoint> providers, Resilience resilience,
                                Pending pending, Fraud fraud) {

    /** @param url the provider's API base; @param key the secret the service presents (a bearer token) */
    public record Endpoint(URI url, String key) {
        @Override
        public String toString() {   // the key never reaches a log
            return "Endpoint[url=" + url + "]";
        }
    }

    /**
     * @param connectTimeout how long a connection to a provider may take
     * @param callTimeout    the time limit of one call (the time limiter); a call past it is uncertain
     * @param retry          retries of calls that certainly did nothing (5xx, refused connection)
     * @param breaker        the circuit breaker
     * @param bulkhead       concurrent calls per provider
     */
    public record Resilience(Duration connectTimeout, Duration callTimeout, Retry retry, Breaker breaker,
                             Bulkhead bulkhead) {}

    /**
     * @param attempts     tries in all, the first included
     * @param firstBackoff the wait after the first failure; it grows by {@code multiplier} per failure ...
     * @param multiplier   ...
     * @param jitter       ... and each wait is drawn within ± this fraction of it
     */
    public record Retry(int attempts, Duration firstBackoff, double multiplier, double jitter) {}

    /**
     * @param failureRate       percent of failed calls in the window that opens the breaker
     * @param window            calls in the sliding window
     * @param minimumCalls      calls before the rate counts
     * @param openFor           how long it stays open before letting trial calls through
     * @param halfOpenCalls     trial calls that decide whether it closes
     * @param slowCall          a call slower than this counts as slow ...
     * @param slowCallRate      ... and this percent of slow calls opens the breaker too
     */
    public record Breaker(float failureRate, int window, int minimumCalls, Duration openFor, int halfOpenCalls,
                          Duration slowCall, float slowCallRate) {}

    /** @param concurrentCalls calls in flight per provider; @param maxWait how long a call waits for a slot */
    public record Bulkhead(int concurrentCalls, Duration maxWait) {}

    /**
     * @param every          how often each replica looks for due PENDING payments
     * @param batch          the most payments one run takes
     * @param lease          how long a payment being worked on is left alone by every other worker
     * @param firstBackoff   the wait before the first retry; it doubles per retry ...
     * @param longestBackoff ... up to this
     */
    public record Pending(Duration every, int batch, Duration lease, Duration firstBackoff, Duration longestBackoff) {}

    /**
     * @param window          the recent period the velocity rules count over
     * @param perUser         payments of one user in the window from which the next is held
     * @param perCard         payments with one card (the provider's fingerprint) in the window from which the next is held
     * @param reviewAbove     an amount above which a payment is held
     */
    public record Fraud(Duration window, int perUser, int perCard, BigDecimal reviewAbove) {}
}
