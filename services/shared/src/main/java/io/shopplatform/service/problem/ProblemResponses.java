package io.shopplatform.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem responses for every service. Bad input is a 400 whose {@code errors} array names each
 * offending field (a body property path like {@code price}, or a query parameter like {@code size}), so a
 * client can show the message next to the right input.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    /** One offending input. */
    public record FieldError(String field, String message) {}

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), e.getDefaultMessage())).toList();
        return badRequest(ex, errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // A body validated beside a constrained path variable comes as ParameterErrors: name its fields, as a
        // body validated alone (MethodArgumentNotValidException) does.
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r instanceof ParameterErrors body
                        ? body.getFieldErrors().stream().map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
                        : r.getResolvableErrors().stream().map(e -> new FieldError(name(r), e.getDefaultMessage())))
                .toList();
        return badRequest(ex, errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName() != null ? ex.getPropertyName() : "request";
        return badRequest(ex, List.of(new FieldError(field, "must be a " + simpleName(ex.getRequiredType()))), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(ex, List.of(new FieldError(ex.getParameterName(), "is required")), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldError error;
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            error = new FieldError(path, "has the wrong type or format");
        } else if (ex.getCause() instanceof JsonMappingException) {
            // Valid JSON of the wrong shape (say, [] for an object): Jackson's message names our classes.
            error = new FieldError("body", "has the wrong shape for this operation");
        } else if (ex.getCause() instanceof JsonProcessingException json) {
            error = new FieldError("body", "is not valid JSON: " + json.getOriginalMessage());
        } else {
            error = new FieldError("body", "is missing or unreadable");
        }
        return badRequest(ex, List.of(error), request);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "a resource with this identity already exists");
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail concurrentUpdate(OptimisticLockingFailureException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "the resource was changed by someone else; read it again and retry");
    }

    /**
     * No database connection within the pool's timeout (a burst, a failover): a 503 the client may retry after a
     * second, rather than a 500 that reads as a bug.
     */
    @ExceptionHandler({CannotCreateTransactionException.class, CannotGetJdbcConnectionException.class})
    ResponseEntity<ProblemDetail> databaseBusy(Exception ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the database is busy or failing over; retry shortly");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    private ResponseEntity<Object> badRequest(Exception ex, List<FieldError> errors, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    private static String name(ParameterValidationResult r) {
        String name = r.getMethodParameter().getParameterName();
        return name != null ? name : "parameter " + r.getMethodParameter().getParameterIndex();
    }

    private static String simpleName(Class<?> type) {
        return type == null ? "value of another type" : type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
