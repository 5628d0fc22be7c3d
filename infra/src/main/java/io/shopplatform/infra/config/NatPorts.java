package io.shopplatform.infra.config;

/**
 * Cloud NAT's ports per node, allocated dynamically between a floor and a ceiling. The static default of 64 gives
 * all payment pods on a node 64 concurrent connections to one provider: a flash sale drops connections.
 */
public final class NatPorts {
    /** Every node can hold this many connections to one destination at once, whatever its neighbours do. */
    public static final int MIN_PER_NODE = 1024;
    /** A busy node may grow to this many while addresses have ports to spare. */
    public static final int MAX_PER_NODE = 16384;
    /** What one external address offers (65,536 less the 1,024 well-known ports). */
    public static final int PER_ADDRESS = 64512;

    private NatPorts() {}

    /** The addresses needed to give {@code nodes} nodes their floor at once. */
    public static int addressesFor(int nodes) {
        return (int) Math.ceil((double) nodes * MIN_PER_NODE / PER_ADDRESS);
    }
}
