package io.shopplatform.inventory.stock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.inventory.InventoryProperties;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a stock transaction, and runs it again when it lost a race: a version that moved under it
 * ({@link StockBook}), a deadlock or serialization failure. Bounded attempts, each wait drawn uniformly below an
 * exponentially growing ceiling (full jitter), so losers of one race do not collide again in step. When the attempts
 * are used up the caller gets the last conflict: a 409 problem (the shared handler) telling the client to retry.
 */
@Component
public class Conflicts {

    private final TransactionTemplate tx;
    private final InventoryProperties.Conflicts settings;
    private final Counter retried, exhausted;

    Conflicts(PlatformTransactionManager transactions, InventoryProperties props, MeterRegistry meters) {
        this.tx = new TransactionTemplate(transactions);
        this.settings = props.conflicts();
        this.retried = Counter.builder("shop_inventory_conflicts_total").tag("outcome", "retried")
                .description("stock transactions that lost a race").register(meters);
        this.exhausted = Counter.builder("shop_inventory_conflicts_total").tag("outcome", "gave_up")
                .description("stock transactions that lost a race").register(meters);
    }

    public <T> T inTransaction(TransactionCallback<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(work);
            } catch (OptimisticLockingFailureException | PessimisticLockingFailureException e) {
                if (attempt >= settings.attempts()) {
                    exhausted.increment();
                    throw new OptimisticLockingFailureException("stock kept changing; gave up after " + attempt
                            + " attempts", e);
                }
                retried.increment();
                pause(attempt);
            }
        }
    }

    private void pause(int attempt) {
        long first = settings.firstBackoff().toNanos();
        long ceiling = Math.min(settings.longestBackoff().toNanos(), first << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OptimisticLockingFailureException("interrupted while waiting to retry", e);
        }
    }
}
