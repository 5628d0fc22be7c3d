package io.shopplatform.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SiteTests {

    @TestFactory
    Stream<DynamicTest> everyStackFileStatesAValidSite() {
        return Arrays.stream(Environment.values()).map(env -> DynamicTest.dynamicTest(
                "Pulumi." + env.id() + ".yaml states a valid site", () -> {
                    Site site = Site.load(env);
                    assertThat(site.zones()).hasSize(Shop.PLATFORM.zones()).allMatch(z -> z.startsWith(site.region() + "-"));
                }));
    }

    @Test
    void badValuesAreNamedByKey() {
        assertThat(Site.problems("Shop Dev", "europe-west1", List.of("europe-west1-b", "europe-west1-b", "us-central1-a")))
                .extracting(Site.Problem::key)
                .containsExactly(Site.PROJECT, Site.ZONES, Site.ZONES);
        assertThat(Site.problems("shop-platform-dev", "europe-west1",
                List.of("europe-west1-b", "europe-west1-c", "europe-west1-d"))).isEmpty();
    }

    @Test
    void theFrontDoorsDomainIsAHostNameAndReservedNamesAreRecognised() {
        assertThat(Site.domainProblems("Shop Dev")).extracting(Site.Problem::key).containsExactly(Site.DOMAIN);
        assertThat(Site.domainProblems("shop.acme-retail.com")).isEmpty();
        assertThat(Stream.of("shop.example", "dev.shop.example.com", "example.org", "shop.test", "x.invalid"))
                .allMatch(Site::isReservedDomain);
        assertThat(Stream.of("shop.acme-retail.com", "example-shop.com", "shop.testing.io")).noneMatch(Site::isReservedDomain);
    }

    @Test
    void backupBucketsAreNamedAfterTheProject() {
        assertThat(Site.load(Environment.PROD).backupBuckets())
                .isEqualTo(new BackupBuckets("shop-platform-prod-shop-backups", "shop-platform-prod-shop-backups-dr"));
        // The longest project id GCP allows still leaves both names within GCS's 63 characters.
        assertThat(BackupBuckets.of("a".repeat(30)).problems()).isEmpty();
    }

    @Test
    void aProjectGcsWouldRefuseTheBucketsForIsNamedByKey() {
        List<String> zones = List.of("europe-west1-b", "europe-west1-c", "europe-west1-d");
        assertThat(Site.problems("goog-shop-dev", "europe-west1", zones)).hasSize(2).allSatisfy(p -> {
            assertThat(p.key()).isEqualTo(Site.PROJECT);
            assertThat(p.toString()).startsWith("gcp:project: bucket name 'goog-shop-dev-shop-backups").contains("'goog'");
        });
        assertThat(Site.problems("shop-g00gle-dev", "europe-west1", zones)).extracting(Site.Problem::toString)
                .containsExactly(
                        "gcp:project: bucket name 'shop-g00gle-dev-shop-backups' starts with 'goog' or contains 'google'"
                                + " (or a look-alike), which GCS refuses",
                        "gcp:project: bucket name 'shop-g00gle-dev-shop-backups-dr' starts with 'goog' or contains"
                                + " 'google' (or a look-alike), which GCS refuses");
    }
}
