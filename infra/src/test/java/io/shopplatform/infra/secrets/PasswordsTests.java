package io.shopplatform.infra.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.infra.config.SecretText;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.config.StackConfig.Alerting;
import io.shopplatform.infra.config.StackConfig.OperatorSecrets;
import io.shopplatform.infra.config.StackConfig.RegistryLogin;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Site;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordsTests {

    @Test
    void aPasswordIsStableUntilItsGenerationIsRaised() {
        Passwords before = passwords(Environment.PROD, "a-seed-of-at-least-thirty-two-characters", Map.of());
        Passwords after = passwords(Environment.PROD, "a-seed-of-at-least-thirty-two-characters", Map.of("redis", 1));
        assertThat(before.password("redis")).isEqualTo(passwords(Environment.PROD,
                "a-seed-of-at-least-thirty-two-characters", Map.of()).password("redis"));
        assertThat(after.password("redis")).isNotEqualTo(before.password("redis"));
        // Rotating one password leaves the others alone.
        assertThat(after.password("memcached")).isEqualTo(before.password("memcached"));
    }

    @Test
    void passwordsDifferByPurposeEnvironmentAndSeed() {
        String seed = "a-seed-of-at-least-thirty-two-characters";
        Passwords prod = passwords(Environment.PROD, seed, Map.of());
        assertThat(prod.password("redis")).isNotEqualTo(prod.password("memcached"))
                .isNotEqualTo(passwords(Environment.STAGING, seed, Map.of()).password("redis"))
                .isNotEqualTo(passwords(Environment.PROD, seed + "x", Map.of()).password("redis"))
                .hasSize(32).matches("[A-Za-z0-9]+");
    }

    private static Passwords passwords(Environment env, String seed, Map<String, Integer> rotations) {
        return new Passwords(new StackConfig(env, new Site("shop-acme", "europe-west1",
                List.of("europe-west1-b", "europe-west1-c", "europe-west1-d"), "shop.acme-retail.com"),
                new StackConfig.BackupCopy("shop-acme-vault", "europe-west4"), List.of(), "STABLE", true, List.of(), 1,
                new OperatorSecrets(new SecretText(seed), new RegistryLogin("ci", new SecretText("t")),
                        new StackConfig.MailLogin("shop@acme-retail.com", new SecretText("m")),
                        new StackConfig.PaymentKeys(Map.of()),
                        new Alerting(Optional.empty(), Optional.empty())),
                rotations, Optional.empty(), Path.of("dist")));
    }
}
