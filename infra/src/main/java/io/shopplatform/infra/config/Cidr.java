package io.shopplatform.infra.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 range as GKE's authorized networks take it ({@code a.b.c.d/n}, host bits clear). */
record Cidr(long first, int prefix) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    /** Ranges reserved for documentation (RFC 5737): no packet from them ever reaches a control plane. */
    static final List<Cidr> DOCUMENTATION = List.of(of("192.0.2.0/24"), of("198.51.100.0/24"), of("203.0.113.0/24"));
    /**
     * Ranges that never appear as a source address on the internet (RFC 1918 private, shared carrier-grade NAT,
     * loopback, link-local, multicast and reserved): the cluster's public endpoint, which `pulumi up` and kubectl
     * reach, never sees them.
     */
    static final List<Cidr> NOT_ON_THE_INTERNET = List.of(of("10.0.0.0/8"), of("172.16.0.0/12"), of("192.168.0.0/16"),
            of("100.64.0.0/10"), of("127.0.0.0/8"), of("169.254.0.0/16"), of("0.0.0.0/8"), of("224.0.0.0/3"));

    /** The range {@code text} denotes, if it is an IPv4 CIDR (host bits may be set; see {@link #isCanonical}). */
    static Optional<Cidr> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(5)) > 32) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            address = address << 8 | octet;
        }
        return Optional.of(new Cidr(address, Integer.parseInt(m.group(5))));
    }

    private static Cidr of(String text) {
        return parse(text).orElseThrow();
    }

    long size() {
        return 1L << (32 - prefix);
    }

    long last() {
        return network() + size() - 1;
    }

    private long network() {
        return first & ~(size() - 1) & 0xffffffffL;
    }

    /** GKE refuses a range whose address has host bits set (203.0.113.7/24 instead of 203.0.113.0/24). */
    boolean isCanonical() {
        return first == network();
    }

    String canonical() {
        long n = network();
        return (n >> 24 & 255) + "." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255) + "/" + prefix;
    }

    boolean within(Cidr other) {
        return network() >= other.network() && last() <= other.last();
    }
}
