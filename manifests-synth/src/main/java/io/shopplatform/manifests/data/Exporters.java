package io.shopplatform.manifests.data;

import io.shopplatform.model.Image;

/** Prometheus exporters beside the data-tier servers, pinned like every image of the platform. */
final class Exporters {
    static final Image POSTGRES = new Image("quay.io/prometheuscommunity/postgres-exporter", "v0.17.1");
    static final Image PGPOOL = new Image("pgpool/pgpool2_exporter", "1.2.2");
    static final Image REDIS = new Image("oliver006/redis_exporter", "v1.74.0");

    private Exporters() {}
}
