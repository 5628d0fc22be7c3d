package io.shopplatform.service.openapi;

import io.shopplatform.service.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.info.BuildProperties;

/**
 * A service's description made whole: title, version and description from its build; servers relative to where
 * the description is read (the service, or the gateway that routes the same paths); the bearer scheme of the JWT
 * setup on every operation that takes a token, as the service's security chains decide it; and the problem+json
 * answers every operation can give, declared once and referenced.
 */
final class ServiceApiDescription implements OpenApiCustomizer {

    static final String BEARER = "bearer", PROBLEM = "Problem";
    /** Set by {@link HandlerDescriptions} for the rule a caller's roles must pass, read and removed here. */
    static final String RULE_EXTENSION = "x-shop-pre-authorize";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final BuildProperties build;
    private final SecurityProperties security;
    private final OperationAccess access;

    ServiceApiDescription(BuildProperties build, SecurityProperties security, OperationAccess access) {
        this.build = build;
        this.security = security;
        this.access = access;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info().title(build.getName()).version(build.getVersion())
                .description(build.get("description")));
        api.servers(List.of(new Server().url("/")
                .description("where this description was read: the service itself, or the gateway in front of it")));
        Components components = api.getComponents() != null ? api.getComponents() : new Components();
        api.components(components);
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("An access token (`typ: at+jwt`, RS256) of issuer `"
                        + security.issuer() + "` for audience `" + security.audience() + "`, signed by the user service"
                        + " (keys it publishes); the caller's roles in its `roles` claim."));
        Set<ProblemAnswer> used = EnumSet.noneOf(ProblemAnswer.class);
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> complete(path, method, operation, used)));
        }
        // Only the answers some operation refers to: a linter counts the others as dead weight.
        if (!used.isEmpty()) {
            components.addSchemas(PROBLEM, problem());
        }
        for (ProblemAnswer answer : used) {
            components.addResponses(answer.component, new ApiResponse().description(answer.description)
                    .content(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    private void complete(String path, PathItem.HttpMethod method, Operation operation,
                          Set<ProblemAnswer> used) {
        Object rule = operation.getExtensions() != null ? operation.getExtensions().remove(RULE_EXTENSION) : null;
        switch (access.of(path, method.name())) {
            case TOKEN -> {
                operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
                describe(operation, rule == null ? "Needs an access token."
                        : "Needs an access token that passes `" + rule + "`.");
                answers(operation, ProblemAnswer.UNAUTHORIZED, used);
            }
            case OPTIONAL_TOKEN -> {
                operation.setSecurity(List.of(new SecurityRequirement(), new SecurityRequirement().addList(BEARER)));
                describe(operation, "Open to anyone; a token sent along must be valid, and says who calls.");
                answers(operation, ProblemAnswer.UNAUTHORIZED, used);
            }
            case OPEN -> {
                operation.setSecurity(List.of());
                describe(operation, "Open to anyone.");
            }
        }
        if (rule != null) {
            answers(operation, ProblemAnswer.FORBIDDEN, used);
        }
        boolean input = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (input) {
            answers(operation, ProblemAnswer.BAD_REQUEST, used);
        }
        if (path.contains("{")) {
            answers(operation, ProblemAnswer.NOT_FOUND, used);
        }
        answers(operation, ProblemAnswer.SERVER_ERROR, used);
    }

    /** Adds a sentence after what the operation's own annotations say. */
    private static void describe(Operation operation, String sentence) {
        String own = operation.getDescription();
        operation.setDescription(own == null || own.isBlank() ? sentence : own.strip() + "\n\n" + sentence);
    }

    /** References the shared answer, unless the service describes that status itself. */
    private static void answers(Operation operation, ProblemAnswer answer, Set<ProblemAnswer> used) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        if (!operation.getResponses().containsKey(answer.status)) {
            operation.getResponses().put(answer.status, new ApiResponse().$ref(answer.ref()));
            used.add(answer);
        }
    }

    /** RFC 9457's members, and the field errors of a 400. */
    private static Schema<?> problem() {
        Schema<?> fieldError = object(Map.of(
                "field", string("the input's name: a body field (`items[0].quantity`), parameter or header"),
                "message", string("what is wrong with it")));
        Schema<?> errors = typed("array").items(fieldError).description("each invalid input (400 only)");
        return object(Map.of(
                "type", string("a URI reference naming the kind of problem (`about:blank`: the status says it)"),
                "title", string("a short summary of the kind of problem"),
                "status", typed("integer").description("the HTTP status"),
                "detail", string("what went wrong with this request"),
                "instance", string("the path of the request"),
                "errors", errors))
                .description("A problem (RFC 9457), as every shop service answers an error.");
    }

    private static Schema<?> object(Map<String, Schema> properties) {
        return typed("object").properties(new java.util.TreeMap<>(properties));
    }

    private static Schema<?> string(String description) {
        return typed("string").description(description);
    }

    /** A schema of one type, as both OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}) write it. */
    @SuppressWarnings("rawtypes")
    private static Schema typed(String type) {
        Schema schema = new Schema<>();
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema;
    }
}
