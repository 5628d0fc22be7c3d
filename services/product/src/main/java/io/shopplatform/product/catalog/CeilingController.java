package io.shopplatform.product.catalog;

import io.shopplatform.service.cache.CacheProperties;
import io.swagger.v3.oas.annotations.Hidden;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark's yardstick: a constant product of the seed's shape through the same stack (security filters,
 * Jackson, metrics) with no lookup at all, so "L1 hit vs ceiling" measures only what the cache costs. Served under
 * the benchmark profile only (application-benchmark.yml opens it): no part of the production API.
 */
@RestController
@Profile(CacheProperties.BENCHMARK_PROFILE)
@Hidden
class CeilingController {

    private static final ProductView CONSTANT = new ProductView(100_000, "SKU-0100000", "Seed product 100000",
            "A seeded product for load tests: description text of a typical length for the catalog's items.",
            42L, new BigDecimal("19.99"), "USD", "ACTIVE", 0, Instant.parse("2026-01-01T00:00:00Z"), null);

    @GetMapping("/api/v1/ping")
    ProductView ping() {
        return CONSTANT;
    }
}
