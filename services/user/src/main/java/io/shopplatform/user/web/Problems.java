package io.shopplatform.user.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The user service's own problem responses (401, 429), as RFC 9457 problem+json like every other. */
public final class Problems {

    private Problems() {}

    /** A 401 that says no more than {@code detail}: never which of email or password was wrong. */
    public static ErrorResponseException unauthorized(String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        p.setTitle("Unauthorized");
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, p, null);
    }

    /** A 429 with {@code Retry-After} in whole seconds, rounded up. */
    public static ErrorResponseException tooManyAttempts(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "too many failed logins; try again in " + seconds + " s");
        p.setTitle("Too many attempts");
        p.setProperty("retryAfterSeconds", seconds);
        ErrorResponseException e = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, p, null);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return e;
    }
}
