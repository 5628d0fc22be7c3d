package io.shopplatform.gateway.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import io.shopplatform.gateway.GatewayProperties;
import io.shopplatform.gateway.edge.RequestIds;
import io.shopplatform.gateway.problem.Problems;
import io.shopplatform.model.PublicApi;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The gateway checks every bearer token it is shown (the services check again: zero trust) and lets requests
 * without one through: which operations need a login is each service's decision. A bad token, or one of a
 * session that ended early ({@link EndedSessionCheck}), is 401 problem+json; a key set that cannot be fetched is
 * 503 (ProblemErrors), never a 500.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class EdgeSecurity {

    static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

    @Bean
    SecurityWebFilterChain edge(ServerHttpSecurity http, ReactiveJwtDecoder tokens, CorsConfigurationSource cors) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "the access token is not valid");
        };
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)     // no cookies, no sessions: nothing for CSRF to ride on
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(c -> c.configurationSource(cors))
                .authorizeExchange(a -> a.anyExchange().permitAll())
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtDecoder(tokens)).authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .build();
    }

    /** A token must be well signed and keep the rules ({@link #accessTokens}), and its session must not have ended. */
    @Bean
    ReactiveJwtDecoder liveAccessTokens(TokenProperties props, EndedSessionCheck sessions) {
        ReactiveJwtDecoder signed = accessTokens(props);
        return token -> signed.decode(token).flatMap(sessions::live);
    }

    /** Signature (RS256 from the JWKS), type, issuer, audience and expiry: what the token itself proves. */
    ReactiveJwtDecoder accessTokens(TokenProperties props) {
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSetUri(props.jwksUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .jwtProcessorCustomizer(p -> p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(ACCESS_TOKEN)))
                .build();
        // The default validators check exp only when present: a token without one would be valid for ever.
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(props.issuer()), audience(props.audience()),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull)));
        // Nimbus reports a wrong typ (and other processor checks) as BadJOSEException, which Spring passes on as a
        // plain exception, i.e. a 500: a token that fails a check is a bad token, 401.
        return token -> nimbus.decode(token).onErrorMap(e -> !(e instanceof JwtException),
                e -> new BadJwtException("the access token is not valid: " + e.getMessage(), e));
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        OAuth2Error missing = new OAuth2Error("invalid_token", "the token is not meant for " + audience, null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(missing);
    }

    /** Browsers may call the API from the shop's own origin only; any other origin's preflight gets 403. */
    @Bean
    CorsConfigurationSource cors(GatewayProperties props) {
        CorsConfiguration c = new CorsConfiguration();
        c.setAllowedOrigins(props.cors().allowedOrigins().stream().filter(o -> !o.isBlank()).toList());
        c.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name(), HttpMethod.PUT.name(),
                HttpMethod.PATCH.name(), HttpMethod.DELETE.name()));
        c.setAllowedHeaders(Stream.concat(Stream.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, RequestIds.HEADER),
                PublicApi.REQUEST_HEADERS.stream()).toList());
        c.setExposedHeaders(Stream.concat(Stream.of(RequestIds.HEADER, HttpHeaders.RETRY_AFTER),
                PublicApi.RESPONSE_HEADERS.stream()).toList());
        c.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", c);
        return source;
    }
}
