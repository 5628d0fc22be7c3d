package io.shopplatform.service.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.service.security.SecurityProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/** A springdoc description as the shared customizers leave it, on a stand-in of a service's security setup. */
class ServiceApiDescriptionTests {

    /** GETs under /things and the login are open to anyone; everything else needs a token. */
    private static final WebInvocationPrivilegeEvaluator ANONYMOUS = new WebInvocationPrivilegeEvaluator() {
        @Override
        public boolean isAllowed(String uri, Authentication authentication) {
            return isAllowed("", uri, "GET", authentication);
        }

        @Override
        public boolean isAllowed(String contextPath, String uri, String method, Authentication authentication) {
            return "GET".equals(method) && uri.startsWith("/things") || "POST".equals(method) && uri.equals("/login");
        }
    };

    private final OpenAPI api = new OpenAPI().paths(new Paths()
            .addPathItem("/things/{id}", new PathItem()
                    .get(operation("thing").addParametersItem(new PathParameter().name("id")))
                    .put(operation("replaceThing").addParametersItem(new PathParameter().name("id"))))
            .addPathItem("/login", new PathItem().post(operation("logIn"))));

    private static Operation operation(String id) {
        return new Operation().operationId(id).responses(new ApiResponses().addApiResponse("200", new ApiResponse()));
    }

    private void describe() {
        Properties build = new Properties();
        build.setProperty("name", "thing-service");
        build.setProperty("version", "1.2.3");
        build.setProperty("description", "Things.");
        SecurityProperties security = new SecurityProperties(URI.create("http://user/.well-known/jwks.json"),
                List.of(), "shop-user", "shop", Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofHours(12), List.of());
        // As the user service has it: its public writes in a chain of their own that ignores tokens.
        List<SecurityFilterChain> chains = List.of(
                new DefaultSecurityFilterChain(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST,
                        "/login")),
                new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE,
                        new BearerTokenAuthenticationFilter((AuthenticationManager) authentication -> authentication)));
        new ServiceApiDescription(new BuildProperties(build), security,
                new OperationAccess(chains, ANONYMOUS)).customise(api);
    }

    @Test
    void theBuildNamesTheApi() {
        describe();

        assertThat(api.getInfo().getTitle()).isEqualTo("thing-service");
        assertThat(api.getInfo().getVersion()).isEqualTo("1.2.3");
        assertThat(api.getInfo().getDescription()).isEqualTo("Things.");
        assertThat(api.getServers()).singleElement().satisfies(s -> assertThat(s.getUrl()).isEqualTo("/"));
    }

    @Test
    void eachOperationSaysWhetherItTakesATokenAsTheSecurityChainsDecide() {
        api.getPaths().get("/things/{id}").getPut()
                .addExtension(ServiceApiDescription.RULE_EXTENSION, "hasRole('ADMIN')");

        describe();

        PathItem thing = api.getPaths().get("/things/{id}");
        SecurityRequirement bearer = new SecurityRequirement().addList(ServiceApiDescription.BEARER);
        assertThat(thing.getGet().getSecurity()).as("public read: a token is optional, and checked when sent")
                .containsExactly(new SecurityRequirement(), bearer);
        assertThat(thing.getPut().getSecurity()).containsExactly(bearer);
        assertThat(thing.getPut().getDescription())
                .isEqualTo("Needs an access token that passes `hasRole('ADMIN')`.");
        assertThat(thing.getPut().getExtensions()).doesNotContainKey(ServiceApiDescription.RULE_EXTENSION);
        assertThat(api.getPaths().get("/login").getPost().getSecurity()).as("a chain that ignores tokens")
                .isEmpty();
        assertThat(api.getComponents().getSecuritySchemes().get(ServiceApiDescription.BEARER).getBearerFormat())
                .isEqualTo("JWT");
    }

    @Test
    void problemAnswersAreDeclaredOnceAndReferencedWhereTheyApply() {
        api.getPaths().get("/things/{id}").getPut()
                .addExtension(ServiceApiDescription.RULE_EXTENSION, "hasRole('ADMIN')");

        describe();

        assertThat(api.getPaths().get("/things/{id}").getPut().getResponses().get("403").get$ref())
                .isEqualTo("#/components/responses/Forbidden");
        assertThat(api.getPaths().get("/things/{id}").getGet().getResponses())
                .containsKeys("200", "400", "401", "404", "5XX").doesNotContainKey("403");
        assertThat(api.getPaths().get("/login").getPost().getResponses()).containsOnlyKeys("200", "5XX");
        assertThat(api.getComponents().getResponses()).containsOnlyKeys("BadRequest", "Unauthorized", "Forbidden",
                "NotFound", "ServerError");
        assertThat(api.getComponents().getResponses().get("NotFound").getContent())
                .containsKey("application/problem+json");
        assertThat(api.getComponents().getSchemas()).containsKey(ServiceApiDescription.PROBLEM);
    }

    @Test
    void aMethodNameIsTheSummaryOfLastResort() {
        assertThat(HandlerDescriptions.sentence("changePassword")).isEqualTo("Change password");
        assertThat(HandlerDescriptions.sentence("me")).isEqualTo("Me");
    }
}
