package io.shopplatform.inventory.stock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.inventory.InventoryProperties;
import io.shopplatform.model.BusinessMetric;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The units-on-hand gauge (inventory turnover's denominator): the database's sum over every SKU, read on a schedule
 * rather than at scrape time, so a scrape never waits on the database. Every replica reports the same figure, so
 * the dashboards take the largest, not the sum.
 */
@Component
class UnitsOnHand {

    private static final Logger log = LoggerFactory.getLogger(UnitsOnHand.class);

    private final JdbcTemplate jdbc;
    private final AtomicLong units = new AtomicLong();

    UnitsOnHand(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder(BusinessMetric.UNITS_ON_HAND.name(), units, AtomicLong::get)
                .description(BusinessMetric.UNITS_ON_HAND.description()).register(meters);
    }

    @Scheduled(fixedDelayString = "${shop.inventory.units-on-hand.every}")
    void read() {
        try {
            Long sum = jdbc.queryForObject("SELECT coalesce(sum(quantity_on_hand), 0) FROM inventory.stock", Long.class);
            units.set(sum == null ? 0 : sum);
        } catch (DataAccessException e) {
            // The database is failing over or busy: the gauge keeps its last figure until the next read.
            log.warn("units on hand not read: {}", e.getMessage());
        }
    }
}
