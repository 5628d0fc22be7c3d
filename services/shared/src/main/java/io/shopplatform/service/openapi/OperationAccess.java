package io.shopplatform.service.openapi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterInvocation;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * Who may call an operation, asked of the service's own security filter chains rather than written down a second
 * time: whether an anonymous caller is let through, and whether a bearer token sent along is validated there.
 */
final class OperationAccess {

    enum Access {
        /** A valid access token is needed. */
        TOKEN,
        /** Anyone; a token sent along is validated (a bad one is a 401) and tells the service who calls. */
        OPTIONAL_TOKEN,
        /** Anyone; a token is not looked at. */
        OPEN
    }

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("openapi", "anonymous",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    private final List<SecurityFilterChain> chains;
    private final WebInvocationPrivilegeEvaluator access;

    OperationAccess(List<SecurityFilterChain> chains, WebInvocationPrivilegeEvaluator access) {
        this.chains = chains;
        this.access = access;
    }

    /** For a path as the description writes it ({@code /api/v1/products/{id}}) and an HTTP method. */
    Access of(String pathTemplate, String method) {
        String path = pathTemplate.replaceAll("\\{[^/]+}", "1");
        if (!access.isAllowed("", path, method, ANONYMOUS)) {
            return Access.TOKEN;
        }
        HttpServletRequest request = new WithAttributes(new FilterInvocation("", path, method).getHttpRequest());
        boolean validatesTokens = chains.stream().filter(chain -> chain.matches(request)).findFirst()
                .map(chain -> chain.getFilters().stream().anyMatch(BearerTokenAuthenticationFilter.class::isInstance))
                .orElse(false);
        return validatesTokens ? Access.OPTIONAL_TOKEN : Access.OPEN;
    }

    /** Spring Security's stand-in request refuses attributes; request matchers cache the parsed path in one. */
    private static final class WithAttributes extends HttpServletRequestWrapper {
        private final Map<String, Object> attributes = new HashMap<>();

        WithAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }
    }
}
