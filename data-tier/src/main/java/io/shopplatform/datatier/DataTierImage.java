package io.shopplatform.datatier;

import io.shopplatform.model.ServerVersions;

/**
 * The image the cluster's members, PgPools and backup jobs run ({@link ServerVersions#DATA_TIER_IMAGE}): Debian
 * bookworm with the very packages, at the very versions, that {@code ./platform} installs locally, so the binaries
 * the local tests execute are the cluster's. {@code data-tier/image/Dockerfile} is this rendering, checked by a test;
 * CI builds and pushes it (no container engine runs here).
 */
public final class DataTierImage {

    /** Debian's postgres user, at the uid the manifests run the pods as. */
    public static final int UID = 999;

    private DataTierImage() {}

    public static String dockerfile() {
        return """
                # Rendered from the platform model by data-tier (DataTierImage); DataTierImageTests checks this file.
                # PostgreSQL, PgPool-II and pgBackRest from Debian bookworm at the versions pinned in the root pom:
                # the same packages ./platform installs for the local tier. CI pins the base image by digest.
                FROM debian:bookworm-slim
                RUN groupadd --system --gid %1$d postgres \\
                 && useradd --system --uid %1$d --gid postgres --home-dir /var/lib/postgresql --shell /bin/bash postgres \\
                 && apt-get update \\
                 && apt-get install -y --no-install-recommends \\
                      postgresql-%2$s=%3$s postgresql-client-%2$s=%3$s pgpool2=%4$s pgbackrest=%5$s ca-certificates \\
                 && rm -rf /var/lib/apt/lists/* \\
                 && mkdir -p /var/lib/postgresql/data && chown postgres:postgres /var/lib/postgresql/data
                # The data tier's scripts come from ConfigMaps (data-tier's rendering); the image holds only programs.
                USER %1$d
                """.formatted(UID, ServerVersions.POSTGRESQL_MAJOR, ServerVersions.POSTGRESQL_DEB,
                ServerVersions.PGPOOL_DEB, ServerVersions.PGBACKREST_DEB);
    }
}
