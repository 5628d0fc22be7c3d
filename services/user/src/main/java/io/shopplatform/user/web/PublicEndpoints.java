package io.shopplatform.user.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The writes anyone may make: register, log in, refresh, ask for and use a reset link, and a service client's
 * token request. Matched before the shared
 * library's chain (which requires a token for everything else); a token sent along here is ignored.
 */
@Configuration
class PublicEndpoints {

    static final String[] PATHS = {"/api/v1/users", "/api/v1/auth/login", "/api/v1/auth/refresh",
            "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm",
            "/oauth2/token"};    // authenticated by the client's own secret

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain publicWrites(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        OrRequestMatcher matcher = new OrRequestMatcher(java.util.Arrays.stream(PATHS)
                .map(p -> (org.springframework.security.web.util.matcher.RequestMatcher) paths.matcher(HttpMethod.POST, p))
                .toList());
        return http.securityMatcher(matcher)
                .csrf(AbstractHttpConfigurer::disable)   // no cookies: nothing for CSRF to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }
}
