package io.shopplatform.loadtests.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceMetricsTests {

    private static final String BEFORE = """
            # HELP shop_db_queries_seconds statements
            shop_db_queries_seconds_bucket{application="product",kind="read",le="0.025"} 90.0
            shop_db_queries_seconds_bucket{application="product",kind="read",le="0.05"} 95.0
            shop_db_queries_seconds_bucket{application="product",kind="read",le="+Inf"} 100.0
            shop_db_queries_seconds_count{application="product",kind="read"} 100.0
            shop_cache_gets_total{cache="products",layer="local",result="hit"} 10.0
            shop_cache_loads_seconds_count{cache="products"} 10.0
            """;
    private static final String AFTER = """
            shop_db_queries_seconds_bucket{application="product",kind="read",le="0.025"} 180.0
            shop_db_queries_seconds_bucket{application="product",kind="read",le="0.05"} 194.0
            shop_db_queries_seconds_bucket{application="product",kind="read",le="+Inf"} 200.0
            shop_db_queries_seconds_count{application="product",kind="read"} 200.0
            shop_cache_gets_total{cache="products",layer="local",result="hit"} 100.0
            shop_cache_loads_seconds_count{cache="products"} 20.0
            """;

    private final ServiceMetrics during = new ServiceMetrics(Map.of("product", ServiceMetrics.parse(AFTER)))
            .since(new ServiceMetrics(Map.of("product", ServiceMetrics.parse(BEFORE))));

    @Test
    void statementPercentilesComeFromTheTimersBucketsGrowthDuringTheRun() {
        ServiceMetrics.Histogram reads = during.queries("read");

        assertThat(reads.count()).isEqualTo(100);
        assertThat(reads.percentileAtMost(50)).isEqualTo(25.0);
        assertThat(reads.percentileAtMost(95)).as("99 of 100 within 50 ms").isEqualTo(50.0);
        assertThat(reads.percentileAtMost(99.5)).isInfinite();
        assertThat(reads.shareWithin(50)).isEqualTo(0.99);
    }

    @Test
    void theCacheHitRatioIsHitsOverHitsAndLoadsDuringTheRun() {
        double hits = during.total("shop_cache_gets_total", "result=\"hit\"");
        double loads = during.total("shop_cache_loads_seconds_count");

        assertThat(hits).isEqualTo(90);
        assertThat(loads).isEqualTo(10);
    }
}
