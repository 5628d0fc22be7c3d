package io.shopplatform.order.checkout;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.model.Shop;
import io.shopplatform.order.OrderProperties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every replica resumes due sagas: those waiting to retry a step, and those whose runner died (its lease ran out).
 * Replicas share the work without meeting ({@link CheckoutSaga#claimDue}). It also counts the unfinished sagas for
 * the HPA's custom metric (the model's name for it, {@code order_queue_depth}).
 */
@Component
class SagaJob {

    private static final Logger log = LoggerFactory.getLogger(SagaJob.class);

    private final CheckoutSaga saga;
    private final OrderProperties.Saga pace;
    private final AtomicLong depth = new AtomicLong();

    SagaJob(CheckoutSaga saga, OrderProperties props, MeterRegistry meters) {
        this.saga = saga;
        this.pace = props.saga();
        String name = Shop.PLATFORM.component(Shop.ORDER).autoscaling().orElseThrow().customMetric().orElseThrow().name();
        Gauge.builder(name, depth, AtomicLong::get)
                .description("checkout sagas not finished (running, compensating or waiting to retry)")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${shop.order.saga.every}", initialDelayString = "${shop.order.saga.every}")
    void resume() {
        try {
            depth.set(saga.unfinished());
            for (UUID id : saga.claimDue(pace.batch())) {
                try {
                    saga.runClaimed(id);
                } catch (RuntimeException e) {
                    // Its lease runs out and a later round tries again; the others of the batch go on.
                    log.warn("saga {} stopped: {}", id, e.toString());
                }
            }
        } catch (DataAccessException e) {
            // The database is failing over or busy: the next round finds the same sagas.
            log.warn("saga round failed: {}", e.getMessage());
        }
    }
}
