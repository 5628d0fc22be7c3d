package io.shopplatform.service.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An unknown id: a 404 problem response naming what was looked for. */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String what, Object id) {
        super(HttpStatus.NOT_FOUND, problem(what, id), null);
    }

    private static ProblemDetail problem(String what, Object id) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, what + " " + id + " does not exist");
        p.setTitle(what.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + what.substring(1) + " not found");
        return p;
    }
}
