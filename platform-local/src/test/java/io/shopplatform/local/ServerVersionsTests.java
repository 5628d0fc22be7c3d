package io.shopplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.ServerVersions;
import io.shopplatform.model.Shop;
import io.shopplatform.local.machine.Host;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/** The servers the runner starts are the versions the cluster's images carry: one pin per server. */
class ServerVersionsTests {

    @Test
    void theKafkaBrokerIsTheClustersVersion() {
        // The broker runs from the runner's own classpath, whose Kafka jars are the pinned kafka.version.
        assertThat(AppInfoParser.getVersion()).isEqualTo(ServerVersions.KAFKA);
        assertThat(Shop.PLATFORM.component(Shop.KAFKA).image().orElseThrow().tag()).isEqualTo(ServerVersions.KAFKA);
    }

    @Test
    void theOpenSearchDistributionIsTheClustersVersion() {
        assertThat(Path.of("target", "servers", "opensearch-" + ServerVersions.OPENSEARCH)).isDirectory();
        assertThat(Shop.PLATFORM.component(Shop.SEARCH).image().orElseThrow().tag()).isEqualTo(ServerVersions.OPENSEARCH);
    }

    @Test
    void theDebianServersInstalledHereAreThePinnedVersions() {
        // ./platform installs them unpinned: a new upstream version shows here, before the cluster's images drift
        // apart. Debian's own security revisions (deb12uN) keep the upstream version and do not fail CI.
        Map<String, String> pinned = Map.of("postgresql-" + ServerVersions.POSTGRESQL_MAJOR, ServerVersions.POSTGRESQL_DEB,
                "pgpool2", ServerVersions.PGPOOL_DEB, "pgbackrest", ServerVersions.PGBACKREST_DEB,
                "redis-server", ServerVersions.REDIS_DEB, "memcached", ServerVersions.MEMCACHED_DEB);
        pinned.forEach((pkg, version) -> assertThat(ServerVersions.upstream(
                Host.tryExec(List.of("dpkg-query", "-W", "-f", "${Version}", pkg), Map.of(), 30).output()))
                .as("installed %s (pinned in the root pom)", pkg).isEqualTo(ServerVersions.upstream(version)));
        assertThat(Shop.PLATFORM.component(Shop.REDIS).image().orElseThrow().tag())
                .isEqualTo(ServerVersions.upstream(ServerVersions.REDIS_DEB));
        assertThat(Shop.PLATFORM.component(Shop.MEMCACHED).image().orElseThrow().tag())
                .isEqualTo(ServerVersions.upstream(ServerVersions.MEMCACHED_DEB));
    }

    @Test
    void theDatabaseRunsTheDataTierImage() {
        for (String c : new String[] {Shop.POSTGRES, Shop.PGPOOL, Shop.DB_BACKUP, Shop.DB_RESTORE}) {
            assertThat(Shop.PLATFORM.component(c).image().orElseThrow().reference()).isEqualTo(ServerVersions.DATA_TIER_IMAGE);
        }
    }
}
