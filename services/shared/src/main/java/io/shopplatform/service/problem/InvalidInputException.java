package io.shopplatform.service.problem;

import org.springframework.http.HttpStatus;

/** Input that passed the annotations but not the data (say, an unknown category id): a 400 naming the field. */
public class InvalidInputException extends FieldProblemException {

    public InvalidInputException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, "Invalid request", field, message);
    }
}
