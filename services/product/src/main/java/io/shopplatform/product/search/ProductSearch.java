package io.shopplatform.product.search;

import static io.shopplatform.model.Shop.PLATFORM;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopplatform.service.cache.CacheLayers;
import io.shopplatform.service.cache.CacheSpec;
import io.shopplatform.service.cache.LayeredCache;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Search: the engine's results, cached in Redis for the seed's 15 minutes; when the engine is down, PostgreSQL's
 * full-text search answers instead, uncached (so the engine's better ranking returns as soon as it does).
 * KPIs: {@code shop_search_queries_total} by backend, {@code shop_search_zero_results_total} and
 * {@code shop_search_clicks_total} (click-through rate = clicks / queries).
 */
@Service
class ProductSearch {

    /** The backend that answered, as the {@code X-Search-Backend} response header says. */
    static final String ENGINE = "opensearch", FALLBACK = "postgresql";

    private static final Logger log = LoggerFactory.getLogger(ProductSearch.class);
    private static final CacheSpec CACHE = CacheSpec.of("search.v1", PLATFORM.cache("search-results"));

    record Answer(SearchResults results, String backend) {}

    private final OpenSearchIndex engine;
    private final PostgresSearch fallback;
    private final LayeredCache<SearchResults> cache;
    private final CircuitBreaker breaker;
    private final Counter engineQueries, fallbackQueries, zeroResults, clicks;

    ProductSearch(OpenSearchIndex engine, PostgresSearch fallback, CacheLayers caches, MeterRegistry meters) {
        this.engine = engine;
        this.fallback = fallback;
        this.cache = caches.cache(CACHE, SearchResults.class);
        this.breaker = CircuitBreaker.of("search-engine", CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(3).waitDurationInOpenState(Duration.ofSeconds(5))
                // Only 5xx and I/O failures (SearchEngineUnavailable) count; a refused query (4xx) is the query's fault.
                .recordExceptions(SearchEngineUnavailable.class).ignoreExceptions(SearchQueryRefused.class).build());
        breaker.getEventPublisher().onStateTransition(e -> {
            switch (e.getStateTransition().getToState()) {
                case OPEN -> log.warn("search engine unavailable; searching PostgreSQL instead");
                case CLOSED -> log.info("search engine is back");
                default -> { }
            }
        });
        this.engineQueries = queries(ENGINE, meters);
        this.fallbackQueries = queries(FALLBACK, meters);
        this.zeroResults = Counter.builder("shop.search.zero.results").description("searches that found nothing")
                .register(meters);
        this.clicks = Counter.builder("shop.search.clicks").description("search results opened").register(meters);
    }

    Answer search(SearchQuery q) {
        Answer answer;
        try {
            answer = new Answer(cache.get(q.key(), () -> breaker.executeSupplier(() -> engine.search(q))), ENGINE);
            engineQueries.increment();
            if (answer.results().total() == 0) {
                // Nothing found is not kept: a product indexed a moment later must be found at once, not after the
                // cache's 15 minutes (a shopper searching for a product just added saw none until then).
                cache.evict(q.key());
            }
        } catch (SearchEngineUnavailable | CallNotPermittedException e) {
            answer = new Answer(fallback.search(q), FALLBACK);
            fallbackQueries.increment();
        } catch (SearchQueryRefused e) {
            log.warn("search engine refused a query (answered by PostgreSQL): {}", e.getMessage());
            answer = new Answer(fallback.search(q), FALLBACK);
            fallbackQueries.increment();
        }
        if (answer.results().total() == 0) {
            zeroResults.increment();
        }
        return answer;
    }

    void clicked() {
        clicks.increment();
    }

    private static Counter queries(String backend, MeterRegistry meters) {
        return Counter.builder("shop.search.queries").tag("backend", backend).description("searches answered")
                .register(meters);
    }
}
