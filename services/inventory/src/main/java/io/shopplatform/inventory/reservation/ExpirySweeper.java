package io.shopplatform.inventory.reservation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every replica sweeps; they share the work without meeting (see {@link Reservations#expireDue}). */
@Component
class ExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);
    private final Reservations reservations;

    ExpirySweeper(Reservations reservations) {
        this.reservations = reservations;
    }

    @Scheduled(fixedDelayString = "${shop.inventory.expiry.every}", initialDelayString = "${shop.inventory.expiry.every}")
    void sweep() {
        try {
            int expired = reservations.expireDue();
            if (expired > 0) {
                log.info("expired {} reservations nobody confirmed in time", expired);
            }
        } catch (DataAccessException e) {
            // The database is failing over or busy: the next sweep finds the same reservations.
            log.warn("expiry sweep failed: {}", e.getMessage());
        }
    }
}
