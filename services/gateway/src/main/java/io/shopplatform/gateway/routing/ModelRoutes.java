package io.shopplatform.gateway.routing;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.shopplatform.gateway.GatewayProperties;
import io.shopplatform.gateway.ratelimit.ClientLimit;
import io.shopplatform.gateway.ratelimit.RateLimits;
import io.shopplatform.model.PublicApi;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.BackoffConfig;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * One route per service of the model's public API ({@link Shop#PUBLIC_API}), to the address the service's
 * {@code SHOP_<SERVICE>_URL} names (the cluster's Service DNS name when unset). Every route is rate limited per
 * client, guarded by a breaker and a time limit of its own (so a dead order service never slows the catalog), and
 * retried once for safe methods only: a POST is never sent twice.
 */
@Configuration(proxyBeanMethods = false)
class ModelRoutes {

    /** Where a route's breaker sends the request when it gives up; {@link Unavailable} answers there. */
    static final String FALLBACK = "/gateway/unavailable";

    @Bean
    RouteLocator modelRouteLocator(RouteLocatorBuilder builder, Environment env, RateLimits limits,
                                   KeyResolver clients, GatewayProperties props) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (PublicApi.Route route : Shop.PUBLIC_API.routes()) {
            String uri = env.getProperty(Wiring.serviceUrlVariable(route.service()),
                    "http://" + route.service() + ":" + Shop.HTTP.number());
            routes.route(route.service(), r -> r.path(route.paths().toArray(String[]::new))
                    .filters(f -> f
                            .filter(new ClientLimit(limits, clients))
                            .circuitBreaker(c -> c.setName(route.service()).setFallbackUri("forward:" + FALLBACK)
                                    // A service that says it is unavailable counts against its breaker too.
                                    .addStatusCode(String.valueOf(HttpStatus.SERVICE_UNAVAILABLE.value()))
                                    .addStatusCode(String.valueOf(HttpStatus.BAD_GATEWAY.value())))
                            .retry(c -> c.setRetries(props.backend().retries())
                                    .setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
                                    .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
                                    .setBackoff(new BackoffConfig(Duration.ofMillis(20), Duration.ofMillis(100), 2, false))))
                    .uri(uri));
        }
        return routes.build();
    }

    /** Every route's bulkhead: calls in flight to one service, from {@code shop.gateway.backend}; none wait. */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> routeBulkheads(GatewayProperties props) {
        BulkheadConfig bulkhead = BulkheadConfig.custom().maxConcurrentCalls(props.backend().maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO).build();
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(bulkhead).build());
    }

    /** Every route's breaker and time limit, from {@code shop.gateway.backend}. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> routeBreakers(GatewayProperties props) {
        GatewayProperties.Backend b = props.backend();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(b.timeout()).build())
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowSize(b.window())
                        .minimumNumberOfCalls(b.minimumCalls())
                        .failureRateThreshold(b.failureRatePercent())
                        .waitDurationInOpenState(b.openFor())
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .build())
                .build());
    }
}
