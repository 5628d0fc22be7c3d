package io.shopplatform.service.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.DispatcherType;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless JWT validation for every service: access tokens ({@code typ: at+jwt}, RS256, {@code iss} and {@code aud}
 * as configured; docs/contracts.md) are signed by the user service with keys it publishes at
 * {@code shop.security.jwks-uri}; the {@code roles} claim becomes {@code ROLE_*} authorities, so a controller
 * guards an operation with {@code @PreAuthorize("hasRole('ADMIN')")}. Everything needs a valid token except the
 * configured public reads, the OpenAPI description and the actuator (which listens on the management port only).
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class)
@EnableConfigurationProperties({SecurityProperties.class, ServiceClientProperties.class})
@EnableMethodSecurity
public class JwtSecurityAutoConfiguration {

    /** The claim holding the caller's roles, e.g. {@code "roles": ["ADMIN"]}. */
    public static final String ROLES_CLAIM = "roles";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties props) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        SecurityProblems problems = new SecurityProblems();
        tokens.setJwtGrantedAuthoritiesConverter(roles);
        return http
                .csrf(AbstractHttpConfigurer::disable)   // no cookies, no sessions: nothing for CSRF to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // An error page must show the real status, not hide it behind a 401.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, props.publicReads().toArray(String[]::new)).permitAll()
                        .requestMatchers(props.openPaths().toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** This service's own tokens, when it is a service client (it has a {@code shop.client.secret}). */
    @Bean
    @ConditionalOnProperty("shop.client.secret")
    ServiceTokens serviceTokens(SecurityProperties security, ServiceClientProperties client, ObjectMapper json,
                                @Value("${spring.application.name}") String service) {
        // The issuer serves its token endpoint beside its keys.
        return new ServiceTokens(security.jwksUri().resolve("/oauth2/token"), client.id() != null ? client.id() : service,
                client, json, Clock.systemUTC());
    }

    /** Access tokens only ({@code typ: at+jwt}, RS256), of our issuer and audience, within their lifetime. */
    public static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties props) {
        return decoder(props);
    }

    /**
     * The keys come from the JWKS with timeouts, are cached, refetched for an unknown {@code kid} at most every
     * {@code refetchAtMostEvery}, and kept through an outage of the user service.
     */
    static NimbusJwtDecoder decoder(SecurityProperties props) {
        int timeout = (int) props.jwksTimeout().toMillis();
        URL jwks;
        try {
            jwks = props.jwksUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("shop.security.jwks-uri is not a URL: " + props.jwksUri(), e);
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(jwks, new DefaultResourceRetriever(timeout, timeout, 512 * 1024))
                .cache(props.keysCachedFor().toMillis(), timeout * 2L)
                .rateLimited(props.refetchAtMostEvery().toMillis())
                .outageTolerant(props.keysKeptThroughOutage().toMillis())
                .refreshAheadCache(false)
                .build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(ACCESS_TOKEN));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier((claims, context) -> { });   // Spring's validators below check the claims
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(props.audience()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(props.issuer()), audience));
        return decoder;
    }
}
