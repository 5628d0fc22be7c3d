package io.shopplatform.model;

/**
 * What keeps a component's answers between shoppers' browsers and its pods: the seed's L4 cache, declared per
 * component so the front door's backends derive from it (manifests-synth's BackendConfig).
 */
public enum EdgeCache {
    /** Nothing: every request reaches the component (the API's answers are per shopper or change by the second). */
    NONE,
    /**
     * The front door's CDN (Cloud CDN on Google's load balancer) keeps what the component's answers mark
     * {@code Cache-Control: public} (fingerprinted assets, product images) for as long as they say, keyed on the URL
     * (host, path and query), never on cookies; everything else (pages, which set cookies) passes through.
     */
    CDN
}
