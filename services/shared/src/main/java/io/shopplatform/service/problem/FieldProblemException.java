package io.shopplatform.service.problem;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request refused because of one of its fields, with any 4xx status (say, a 409 for a quantity above what is in
 * stock): a problem whose {@code errors: [{field, message}]} names it, shaped as every 400 of the shop is.
 */
public class FieldProblemException extends ErrorResponseException {

    public FieldProblemException(HttpStatus status, String title, String field, String message) {
        super(status, problem(status, title, field, message), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String field, String message) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, field + " " + message);
        p.setTitle(title);
        p.setProperty("errors", List.of(new ProblemResponses.FieldError(field, message)));
        return p;
    }
}
