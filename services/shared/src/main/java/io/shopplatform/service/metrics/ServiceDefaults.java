package io.shopplatform.service.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The conventions every service shares (ports, probes, Prometheus, latency histograms, problem details), read
 * from {@code shop-service-defaults.yml} in this library with the lowest precedence: a service's own
 * {@code application.yml} or environment overrides any of them. Also sets the JDK HTTP client's keep-alive from
 * {@code shop.http.client-keep-alive}.
 */
public class ServiceDefaults implements EnvironmentPostProcessor, Ordered {

    /** The JDK HTTP client's idle keep-alive, in seconds. */
    public static final String CLIENT_KEEP_ALIVE = "jdk.httpclient.keepalive.timeout";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader()
                    .load("shop-service-defaults", new ClassPathResource("shop-service-defaults.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Read once, by the first java.net.http.HttpClient's connection pool: set before any bean builds one.
        if (System.getProperty(CLIENT_KEEP_ALIVE) == null) {
            Duration keepAlive = environment.getRequiredProperty("shop.http.client-keep-alive", Duration.class);
            System.setProperty(CLIENT_KEEP_ALIVE, Long.toString(keepAlive.toSeconds()));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
