package io.shopplatform.payment.authorization;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every replica retries due PENDING payments; they share the work without meeting (see PaymentStore.claimDue). */
@Component
class PendingRetrier {

    private static final Logger log = LoggerFactory.getLogger(PendingRetrier.class);
    private final Payments payments;
    private final int batch;

    PendingRetrier(Payments payments, io.shopplatform.payment.PaymentProperties props) {
        this.payments = payments;
        this.batch = props.pending().batch();
    }

    @Scheduled(fixedDelayString = "${shop.payment.pending.every}", initialDelayString = "${shop.payment.pending.every}")
    void retry() {
        try {
            for (int i = 0; i < batch && payments.retryNextDue(); i++) {
                // one payment per round, each in its own transactions
            }
        } catch (DataAccessException e) {
            // The database is failing over or busy: the next run finds the same payments.
            log.warn("pending payments retry failed: {}", e.getMessage());
        }
    }
}
