package io.shopplatform.service.testing;

import io.shopplatform.model.ShopScope;
import io.shopplatform.testing.DataTier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service under test at the shared local data tier with exactly the {@code SHOP_*} environment the
 * runner gives that service ({@code spring.application.name} picks which), so tests exercise the real
 * application.yml. Use with {@code @ContextConfiguration(initializers = DataTierInitializer.class)}.
 *
 * <p>The developer's shop runs on the same servers: a service under test gets the tests' scope
 * ({@code shop.scope}, {@code DataTier.TESTS}: topics, search index and cache keys of the tests' own), and its
 * consumer groups a suffix of this test run's ({@link #GROUP_SUFFIX}, one per JVM, so two instances in one test still
 * share their groups). {@link #PROPERTIES}: also for services in processes of their own.
 */
public class DataTierInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String GROUP_SUFFIX = "-test-" + java.util.UUID.randomUUID();
    /** What sets a service apart from the developer's shop on the shared tier, besides its database. */
    public static final Map<String, String> PROPERTIES = Map.of("shop.kafka.group-suffix", GROUP_SUFFIX,
            ShopScope.PROPERTY, DataTier.TESTS.name());

    /** {@link #PROPERTIES} as a JVM's {@code -D} flags. */
    public static List<String> systemProperties() {
        return PROPERTIES.entrySet().stream().map(p -> "-D" + p.getKey() + "=" + p.getValue()).sorted().toList();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String service = context.getEnvironment().getRequiredProperty("spring.application.name");
        Map<String, Object> env = new HashMap<>(DataTier.shared().env(service));
        env.putAll(PROPERTIES);
        // Lowest precedence among test settings: a test's own properties (say, a throwaway Redis) still win.
        context.getEnvironment().getPropertySources().addLast(new MapPropertySource("data-tier", env));
    }
}
