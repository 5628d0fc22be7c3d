package io.shopplatform.storefront.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An answer of the API that was not a success, as the shopper should read it: the problem+json's title and
 * detail, and each named field's message. Pages show it; nothing of a stack trace ever does.
 */
public final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One invalid input, as the API named it. */
    public record FieldError(String field, String message) {

        /** The field in words, as a form's label says it: {@code currentPassword} is "current password". */
        public String label() {
            return field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        }
    }

    private final int status;
    private final String title;
    private final List<FieldError> fieldErrors;

    ApiProblem(int status, String title, String detail, List<FieldError> fieldErrors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** The API could not be reached or answered without a problem document (a 502 from a proxy, say). */
    static ApiProblem unavailable() {
        return new ApiProblem(503, "The shop is not answering right now",
                "Please try again in a moment.", List.of());
    }

    /** A page for something the shop does not have. */
    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, what + " is not in the shop", null, List.of());
    }

    @SuppressWarnings("unchecked")
    static ApiProblem of(int status, Map<String, Object> problem) {
        Object errors = problem.get("errors");
        List<FieldError> fields = errors instanceof List<?> list ? list.stream()
                .filter(Map.class::isInstance).map(e -> (Map<String, Object>) e)
                .map(e -> new FieldError(String.valueOf(e.get("field")), String.valueOf(e.get("message"))))
                .toList() : List.of();
        Object title = problem.get("title"), detail = problem.get("detail");
        return new ApiProblem(status, title != null ? title.toString() : "Something went wrong",
                detail != null ? detail.toString() : null, fields);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
