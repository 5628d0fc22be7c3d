package io.shopplatform.payment;

import io.shopplatform.service.testing.DataTierInitializer;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.service.testing.TestTokens;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port against the shared data tier and both provider simulators, with test-signed
 * tokens. Resilience is scaled down so a test sees a breaker open and close in seconds; the fraud rules' numbers are
 * small; the log goes to a file the no-card-data test reads. Classes that use only this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = PaymentApplication.class,
        properties = {"management.server.port=0",
                "logging.file.name=target/payment-tests.log",
                "shop.payment.resilience.connect-timeout=500ms",
                "shop.payment.resilience.call-timeout=1s",
                "shop.payment.resilience.retry.attempts=2",
                "shop.payment.resilience.retry.first-backoff=20ms",
                "shop.payment.resilience.breaker.window=6",
                "shop.payment.resilience.breaker.minimum-calls=4",
                "shop.payment.resilience.breaker.open-for=2s",
                "shop.payment.resilience.breaker.half-open-calls=2",
                "shop.payment.resilience.breaker.slow-call=10s",
                "shop.payment.pending.every=300ms",
                "shop.payment.pending.first-backoff=300ms",
                "shop.payment.pending.longest-backoff=1s",
                "shop.payment.pending.lease=20s",
                "shop.payment.fraud.per-user=3",
                "shop.payment.fraud.per-card=2",
                "shop.payment.fraud.review-above=1000.00"})
@AutoConfigureObservability(tracing = false)   // Boot's tests turn metrics export off unless asked: we assert on it
@ContextConfiguration(initializers = {DataTierInitializer.class, TestTokens.Initializer.class,
        PaymentSimulators.Initializer.class})
public @interface PaymentIntegrationTest {
}
