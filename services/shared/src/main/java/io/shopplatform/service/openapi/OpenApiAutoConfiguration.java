package io.shopplatform.service.openapi;

import io.shopplatform.service.security.JwtSecurityAutoConfiguration;
import io.shopplatform.service.security.SecurityProperties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * The parts of every service's OpenAPI description that are the platform's, not the service's: what the build
 * says the service is, the bearer scheme of the JWT setup, who may call each operation, and the problem+json
 * answers. Active in a service that serves a description (springdoc on its class path).
 */
@AutoConfiguration(after = JwtSecurityAutoConfiguration.class)
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class OpenApiAutoConfiguration {

    @Bean
    ServiceApiDescription serviceApiDescription(ObjectProvider<BuildProperties> build, SecurityProperties security,
            ObjectProvider<SecurityFilterChain> chains, WebInvocationPrivilegeEvaluator access) {
        BuildProperties properties = build.getIfAvailable();
        if (properties == null) {
            throw new IllegalStateException("no META-INF/build-info.properties: the service's pom must run"
                    + " spring-boot-maven-plugin (its build-info goal is bound in the root pom)");
        }
        return new ServiceApiDescription(properties, security,
                new OperationAccess(chains.orderedStream().toList(), access));
    }

    @Bean
    HandlerDescriptions handlerDescriptions() {
        return new HandlerDescriptions();
    }
}
