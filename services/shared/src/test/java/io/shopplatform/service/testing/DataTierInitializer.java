package io.shopplatform.service.testing;

import io.shopplatform.testing.DataTier;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service under test at the shared local data tier with exactly the {@code SHOP_*} environment the
 * runner gives that service ({@code spring.application.name} picks which), so tests exercise the real
 * application.yml. Use with {@code @ContextConfiguration(initializers = DataTierInitializer.class)}.
 *
 * <p>Consumer groups get a suffix of this test run's own ({@link #GROUP_SUFFIX}, one per JVM, so two instances in
 * one test still share their groups): the developer's shop, running on the same broker, must not take the tests'
 * events, nor the tests its.
 */
public class DataTierInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String GROUP_SUFFIX = "-test-" + java.util.UUID.randomUUID();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String service = context.getEnvironment().getRequiredProperty("spring.application.name");
        Map<String, Object> env = new HashMap<>(DataTier.shared().env(service));
        env.put("shop.kafka.group-suffix", GROUP_SUFFIX);
        // Lowest precedence among test settings: a test's own properties (say, a throwaway Redis) still win.
        context.getEnvironment().getPropertySources().addLast(new MapPropertySource("data-tier", env));
    }
}
