package io.shopplatform.payment.provider;

/**
 * A call to a provider that did not give an answer. What matters for money is whether the provider may have acted:
 * {@link Kind#NOT_DONE} (refused connection, a 5xx, its breaker open, our bulkhead full: it certainly did nothing, so
 * retrying or falling back is safe), {@link Kind#UNCERTAIN} (a timeout or a connection lost after the request went
 * out: it may have charged, so ask it before anything else), {@link Kind#REFUSED} (it answered no to this request, a
 * 4xx such as capturing a voided authorization: trying again changes nothing).
 */
public class ProviderFailure extends RuntimeException {

    public enum Kind { NOT_DONE, UNCERTAIN, REFUSED }

    private final ProviderName provider;
    private final Kind kind;
    private final String code;

    public ProviderFailure(ProviderName provider, Kind kind, String code, String message, Throwable cause) {
        super(provider.id() + ": " + message, cause);
        this.provider = provider;
        this.kind = kind;
        this.code = code;
    }

    public ProviderName provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    /** A short machine-readable reason: {@code timeout}, {@code circuit_open}, {@code http_503}, the provider's code. */
    public String code() {
        return code;
    }
}
