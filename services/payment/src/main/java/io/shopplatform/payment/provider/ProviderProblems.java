package io.shopplatform.payment.provider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The answers a caller gets when a provider could not do what it asked. */
public final class ProviderProblems {

    private ProviderProblems() {}

    /** The provider is unavailable or did not answer: a 503 the caller retries with the same request. */
    public static ErrorResponseException unavailable(ProviderFailure f, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                f.provider().id() + " is unavailable (" + f.code() + "); " + detail);
        problem.setTitle("Provider unavailable");
        ErrorResponseException e = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, f);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, "2");
        return e;
    }
}
