package io.shopplatform.service.openapi;

/**
 * The problem+json answers (RFC 9457, io.shopplatform.service.problem) every service gives alike: declared once
 * under {@code components.responses} and referenced from each operation they apply to.
 */
enum ProblemAnswer {
    BAD_REQUEST("400", "BadRequest", "The input is not valid; `errors` names each field and what is wrong with it."),
    UNAUTHORIZED("401", "Unauthorized", "No valid access token: missing where one is needed, expired, not an access"
            + " token, or of another issuer or audience."),
    FORBIDDEN("403", "Forbidden", "The token is valid, but its roles do not allow this operation."),
    NOT_FOUND("404", "NotFound", "Nothing exists at this path."),
    SERVER_ERROR("5XX", "ServerError", "The service failed, or is busy (a 503 says when to retry in `Retry-After`).");

    final String status, component, description;

    ProblemAnswer(String status, String component, String description) {
        this.status = status;
        this.component = component;
        this.description = description;
    }

    String ref() {
        return "#/components/responses/" + component;
    }
}
