package io.shopplatform.storefront.web;

import io.shopplatform.storefront.StorefrontProperties;
import io.shopplatform.storefront.images.ProductImages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security for pages, not for identities (the API checks those): CSRF on every form, its token in an
 * HttpOnly SameSite cookie (no server session, so any replica accepts any form), and headers that keep pages to
 * the shop's own origin: a Content-Security-Policy without inline scripts, no framing, no referrer to others.
 */
@Configuration
class WebSecurity {

    @Bean
    SecurityFilterChain pages(HttpSecurity http, StorefrontProperties props) throws Exception {
        CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
        tokens.setCookieCustomizer(c -> c.sameSite("Lax"));
        String policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + props.cardTokensOrigin() + "; form-action 'self'; frame-ancestors 'none'; "
                + "base-uri 'none'; object-src 'none'";
        return http
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.csrfTokenRepository(tokens))
                // Signing out is the account page's (it ends the session at the API and forgets the tokens); Spring
                // Security's own logout would answer POST /logout first and leave both in place.
                .logout(l -> l.disable())
                // The token is written as a cookie before the page streams out (a committed response takes none).
                .addFilterAfter(new EagerCsrfToken(), CsrfFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * Static assets and product images are the same for everyone: no CSRF cookie on them, so caches and the CDN may
     * keep them.
     */
    @Bean
    WebSecurityCustomizer assetsOutsideSecurity() {
        return web -> web.ignoring().requestMatchers(StaticAssets.PATTERNS)
                .requestMatchers(ProductImages.PATTERN);
    }

    private static final class EagerCsrfToken extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
