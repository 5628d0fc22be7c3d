package io.shopplatform.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The servers' versions, pinned once in the root pom and filled in here at build time, so the images the cluster
 * runs and the servers the local runner starts are the same versions. PostgreSQL, PgPool-II and pgBackRest are
 * Debian bookworm's packages, installed locally by {@code ./platform} and into the platform's data-tier image
 * (data-tier/image/Dockerfile); Redis and memcached are Debian's packages locally and the official images of the same
 * upstream version in the cluster; Kafka's broker runs from its Maven Central jars locally and from the Apache image
 * in the cluster; OpenSearch from its distribution zip locally and its image in the cluster.
 */
public final class ServerVersions {

    private static final Properties VERSIONS = load();

    /** Debian package versions, as {@code apt-get install package=version} takes them. */
    public static final String POSTGRESQL_DEB = VERSIONS.getProperty("postgresql.deb"),
            PGPOOL_DEB = VERSIONS.getProperty("pgpool2.deb"), PGBACKREST_DEB = VERSIONS.getProperty("pgbackrest.deb"),
            REDIS_DEB = VERSIONS.getProperty("redis.deb"), MEMCACHED_DEB = VERSIONS.getProperty("memcached.deb");
    public static final String KAFKA = VERSIONS.getProperty("kafka"), OPENSEARCH = VERSIONS.getProperty("opensearch");

    /** PostgreSQL's major version: where its programs live ({@code /usr/lib/postgresql/<major>/bin}). */
    public static final String POSTGRESQL_MAJOR = upstream(POSTGRESQL_DEB).split("\\.")[0];

    /** PostgreSQL, PgPool-II and pgBackRest in one image: members, PgPools and the backup jobs run the same binaries. */
    public static final String DATA_TIER_IMAGE = "ghcr.io/shop-platform/data-tier:pg" + upstream(POSTGRESQL_DEB)
            + "-pgpool" + upstream(PGPOOL_DEB) + "-pgbackrest" + upstream(PGBACKREST_DEB);
    public static final String REDIS_IMAGE = "redis:" + upstream(REDIS_DEB);
    public static final String MEMCACHED_IMAGE = "memcached:" + upstream(MEMCACHED_DEB);
    public static final String KAFKA_IMAGE = "apache/kafka:" + KAFKA;
    public static final String OPENSEARCH_IMAGE = "opensearchproject/opensearch:" + OPENSEARCH;

    private ServerVersions() {}

    /** The upstream part of a Debian version: {@code 15.18} of {@code 15.18-0+deb12u1}, {@code 7.0.15} of {@code 5:7.0.15-1}. */
    public static String upstream(String debianVersion) {
        String withoutEpoch = debianVersion.substring(debianVersion.indexOf(':') + 1);
        return withoutEpoch.substring(0, withoutEpoch.lastIndexOf('-'));
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = ServerVersions.class.getResourceAsStream("server-versions.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.forEach((k, v) -> {
            if (v.toString().startsWith("@")) {
                throw new IllegalStateException("server version " + k + " was not filled in by the build: " + v);
            }
        });
        return p;
    }
}
