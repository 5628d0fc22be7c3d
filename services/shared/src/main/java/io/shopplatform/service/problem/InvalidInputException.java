package io.shopplatform.service.problem;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Input that passed the annotations but not the data (say, an unknown category id): a 400 naming the field. */
public class InvalidInputException extends ErrorResponseException {

    public InvalidInputException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, problem(field, message), null);
    }

    private static ProblemDetail problem(String field, String message) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + message);
        p.setTitle("Invalid request");
        p.setProperty("errors", List.of(new ProblemResponses.FieldError(field, message)));
        return p;
    }
}
