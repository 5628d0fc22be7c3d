package io.shopplatform.infra.config;

import static io.shopplatform.model.Shop.PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shopplatform.model.Environment;
import io.shopplatform.model.NodePool;
import io.shopplatform.model.Site;
import io.shopplatform.model.StackFile;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class StackConfigTests {

    /** What an operator must set before a first `pulumi up` of the committed stack files (infra/README.md). */
    static final Map<Environment, List<String>> OPERATOR_KEYS = Map.of(
            Environment.DEV, List.of(StackConfig.DOMAIN, StackConfig.AUTHORIZED_NETWORKS, StackConfig.CREDENTIAL_SEED,
                    StackConfig.REGISTRY_CREDENTIALS, StackConfig.MAIL_CREDENTIALS, StackConfig.PAYMENT_CREDENTIALS),
            Environment.STAGING, List.of(StackConfig.DOMAIN, StackConfig.AUTHORIZED_NETWORKS, StackConfig.CREDENTIAL_SEED,
                    StackConfig.REGISTRY_CREDENTIALS, StackConfig.MAIL_CREDENTIALS, StackConfig.PAYMENT_CREDENTIALS, StackConfig.ALERTING,
                    StackConfig.MANIFESTS_REVISION),
            Environment.PROD, List.of(StackConfig.DOMAIN, StackConfig.AUTHORIZED_NETWORKS, StackConfig.CREDENTIAL_SEED,
                    StackConfig.REGISTRY_CREDENTIALS, StackConfig.MAIL_CREDENTIALS, StackConfig.PAYMENT_CREDENTIALS, StackConfig.ALERTING,
                    StackConfig.MANIFESTS_REVISION));

    @TestFactory
    Stream<DynamicTest> aCommittedStackFileAsksOnlyForWhatTheOperatorKnows() {
        return Arrays.stream(Environment.values()).map(env -> DynamicTest.dynamicTest(
                "Pulumi." + env.id() + ".yaml is refused for exactly the operator's keys", () -> {
                    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> StackConfig.read(env,
                            ConfigSource.of(ConfigSource.stackFile(env), Set.of())));
                    assertThat(e.keys()).containsExactlyInAnyOrderElementsOf(OPERATOR_KEYS.get(env));
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyStackFileIsValidWithTheOperatorsValues() {
        return Arrays.stream(Environment.values()).map(env -> DynamicTest.dynamicTest(
                "Pulumi." + env.id() + ".yaml with the operator's values is valid", () -> {
                    Map<String, String> raw = new LinkedHashMap<>(ConfigSource.stackFile(env));
                    raw.put(StackConfig.DOMAIN, env.id() + ".shop.acme-retail.com");
                    raw.put(StackConfig.AUTHORIZED_NETWORKS, "[\"81.169.128.0/24\"]");
                    raw.put(StackConfig.CREDENTIAL_SEED, "x".repeat(44));
                    raw.put(StackConfig.REGISTRY_CREDENTIALS, "{\"username\": \"ci\", \"token\": \"t\"}");
                    raw.put(StackConfig.MAIL_CREDENTIALS, "{\"username\": \"shop@acme-retail.com\", \"password\": \"m\"}");
                    raw.put(StackConfig.PAYMENT_CREDENTIALS, "{\"stripe\": \"sk\", \"paypal\": \"pp\"}");
                    raw.put(StackConfig.ALERTING, "{\"pagerDutyRoutingKey\": \"" + "a".repeat(32)
                            + "\", \"slackWebhookUrl\": \"https://hooks.slack.com/services/x\"}");
                    raw.put(StackConfig.MANIFESTS_REVISION, "f".repeat(40));
                    StackConfig config = StackConfig.read(env, ConfigSource.of(raw,
                            Set.of(StackConfig.CREDENTIAL_SEED, StackConfig.REGISTRY_CREDENTIALS, StackConfig.MAIL_CREDENTIALS,
                                    StackConfig.PAYMENT_CREDENTIALS, StackConfig.ALERTING)));
                    assertThat(config.environment()).isEqualTo(env);
                    // What manifests-synth places pods and names accounts by: one reading of the same file.
                    Site committed = Site.load(env);
                    assertThat(config.site()).isEqualTo(new Site(committed.project(), committed.region(),
                            committed.zones(), env.id() + ".shop.acme-retail.com"));
                    assertThat(config.manifests()).isEqualTo(
                            StackFile.repositoryRoot().resolve(StackConfigReader.DEFAULT_MANIFESTS_DIR).resolve(env.id()));
                }));
    }

    @Test
    void prodRestatesNoneOfTheModelsSizes() {
        assertThat(ConfigSource.stackFile(Environment.PROD)).doesNotContainKey(StackConfig.NODE_POOLS);
    }

    @Test
    void theCatalogKnowsTheModelsMachineTypes() {
        assertThat(PLATFORM.nodePools()).extracting(NodePool::machineType).allMatch(MachineTypes::isKnown);
        assertThat(Stream.of("e2-standart-4", "c2-standard-7", "n2-highmem", "e2-standard-x", "")).noneMatch(MachineTypes::isKnown);
    }

    @Test
    void networksAreClassifiedByWhereTheirPacketsCanComeFrom() {
        Cidr office = Cidr.parse("81.169.128.0/24").orElseThrow();
        assertThat(Cidr.DOCUMENTATION).noneMatch(office::within);
        assertThat(Cidr.parse("203.0.113.128/25").orElseThrow().within(Cidr.DOCUMENTATION.get(2))).isTrue();
        assertThat(Cidr.NOT_ON_THE_INTERNET).noneMatch(office::within);
        assertThat(Cidr.parse("100.127.255.0/24").orElseThrow().within(Cidr.parse("100.64.0.0/10").orElseThrow())).isTrue();
        assertThat(Cidr.parse("100.128.0.0/24").orElseThrow().within(Cidr.parse("100.64.0.0/10").orElseThrow())).isFalse();
        assertThat(Cidr.parse("203.0.113.7/24").orElseThrow().isCanonical()).isFalse();
        assertThat(Stream.of("1.2.3.4", "1.2.3.256/24", "1.2.3.0/33", "a.b.c.d/8")).allMatch(t -> Cidr.parse(t).isEmpty());
    }
}
