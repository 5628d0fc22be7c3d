package io.shopplatform.inventory.stock;

import io.shopplatform.service.problem.FieldProblemException;
import org.springframework.http.HttpStatus;

/** A change the stock cannot take (more than is available, on hand below reserved): a 409 naming the field. */
public class NotEnoughStockException extends FieldProblemException {

    public NotEnoughStockException(String field, String message) {
        super(HttpStatus.CONFLICT, "Not enough stock", field, message);
    }
}
