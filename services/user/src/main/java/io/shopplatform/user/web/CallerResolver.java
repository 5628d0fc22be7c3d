package io.shopplatform.user.web;

import io.shopplatform.user.auth.Sessions;
import io.shopplatform.user.keys.AccessTokens;
import java.util.List;
import java.util.UUID;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Resolves {@link Caller} parameters: the token's subject and session, checked against the live sessions. */
@Configuration
class CallerResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    static {
        // The caller comes from the token, not from the request: the API description must not list it as input.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    private final Sessions sessions;

    CallerResolver(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Jwt jwt) || jwt.getClaimAsString(AccessTokens.SESSION) == null) {
            throw Problems.unauthorized("an access token of this service is required");
        }
        UUID account, session;
        try {
            account = UUID.fromString(jwt.getSubject());
            session = UUID.fromString(jwt.getClaimAsString(AccessTokens.SESSION));
        } catch (IllegalArgumentException e) {
            throw Problems.unauthorized("an access token of this service is required");
        }
        if (!sessions.active(account, session)) {
            throw Problems.unauthorized("the session has ended; log in again");
        }
        List<String> roles = jwt.getClaimAsStringList(AccessTokens.ROLES);
        return new Caller(account, session, roles == null ? List.of() : roles);
    }
}
