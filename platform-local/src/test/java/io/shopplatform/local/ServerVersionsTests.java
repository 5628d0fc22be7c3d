package io.shopplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.ServerVersions;
import io.shopplatform.model.Shop;
import java.nio.file.Path;
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
    void theDatabaseRunsTheDataTierImage() {
        for (String c : new String[] {Shop.POSTGRES, Shop.PGPOOL, Shop.DB_BACKUP, Shop.DB_RESTORE}) {
            assertThat(Shop.PLATFORM.component(c).image().orElseThrow().reference()).isEqualTo(ServerVersions.DATA_TIER_IMAGE);
        }
    }
}
