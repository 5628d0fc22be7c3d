package io.shopplatform.manifests.network;

import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;

/** The public entrance: the load balancer terminates TLS on 443 and forwards to the gateway's Service on 80. */
public final class FrontDoor {
    public static final int HTTP = 80;
    public static final int HTTPS = 443;
    /** Google's load balancers and their health checks connect from these ranges (GKE container-native LB). */
    public static final java.util.List<String> GOOGLE_LOAD_BALANCERS = java.util.List.of("35.191.0.0/16", "130.211.0.0/22");

    private FrontDoor() {}

    /** A component the load balancer reaches, according to the model's edges. */
    public static boolean isPublic(Platform platform, String component) {
        return platform.mayConnect(Shop.INGRESS, component);
    }
}
