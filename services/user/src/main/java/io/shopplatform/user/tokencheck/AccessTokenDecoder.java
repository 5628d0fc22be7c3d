package io.shopplatform.user.tokencheck;

import io.shopplatform.service.security.SecurityProperties;
import io.shopplatform.user.keys.TokenProperties;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * BRIDGE, to move into services/shared: the token contract every service checks, until the shared library's
 * validator checks it itself (being changed in parallel). The shared decoder today accepts only {@code typ: JWT}
 * and checks neither issuer nor audience; this one replaces it in the user service and checks exactly the
 * contract: RS256 through the JWKS ({@code kid}), {@code typ: at+jwt}, {@code iss} = {@code shop.security.issuer},
 * {@code aud} contains {@code shop}, {@code sub} and {@code exp} present, not expired. Delete this package once
 * shop-service-support's {@code JwtSecurityAutoConfiguration} does the same.
 */
@Configuration
class AccessTokenDecoder {

    static final String TYPE = "at+jwt";

    @Bean
    static BeanPostProcessor contractDecoder(ObjectProvider<SecurityProperties> security,
                                             ObjectProvider<TokenProperties> tokens) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JwtDecoder && !(bean instanceof Contract)
                        ? new Contract(decoder(security.getObject(), tokens.getObject())) : bean;
            }
        };
    }

    static JwtDecoder decoder(SecurityProperties security, TokenProperties tokens) {
        // validateType(false): the type is checked below (JwtTypeValidator), not by Nimbus's JWT-only default.
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(security.jwksUri().toString()).validateType(false)
                .build();
        List<OAuth2TokenValidator<Jwt>> rules = List.of(
                new JwtTypeValidator(TYPE),
                new JwtTimestampValidator(),
                new JwtIssuerValidator(tokens.issuer()),
                new JwtAudienceValidator(TokenProperties.AUDIENCE),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, sub -> sub != null),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(rules));
        return decoder;
    }

    /** Marks the replacement, so the post-processor leaves it alone. */
    private record Contract(JwtDecoder delegate) implements JwtDecoder {
        @Override
        public Jwt decode(String token) {
            return delegate.decode(token);
        }
    }
}
