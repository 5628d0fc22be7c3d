package io.shopplatform.user;

import io.shopplatform.service.testing.DataTierInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service against the shared data tier and local mail server, validating its own tokens through its
 * own JWKS over HTTP as every other service does: so it listens on a port chosen before it starts (the JWKS URL
 * names it). Every test class that uses only this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, classes = UserApplication.class,
        properties = "management.server.port=0")
@AutoConfigureObservability(tracing = false)
@ContextConfiguration(initializers = {DataTierInitializer.class, UserIntegrationTest.Port.class})
public @interface UserIntegrationTest {

    /**
     * A free port for the service (its JWKS URL names it), and its mail sent through the {@link MailRelay} a test
     * may cut; consumer groups of its own come from DataTierInitializer.
     */
    class Port implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("user-test", Map.of(
                    "server.port", port,
                    "spring.mail.host", "127.0.0.1", "spring.mail.port", MailRelay.shared().port())));
        }
    }
}
