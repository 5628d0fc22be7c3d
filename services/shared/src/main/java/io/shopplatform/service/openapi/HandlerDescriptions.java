package io.shopplatform.service.openapi;

import io.swagger.v3.oas.models.Operation;
import java.util.Locale;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * What the controller method says about an operation that its annotations did not put in the description: a
 * summary after the method's name when it has none ({@code changePassword} → "Change password"), and the rule a
 * caller's roles must pass ({@code @PreAuthorize}), which {@link ServiceApiDescription} describes with its 403.
 */
final class HandlerDescriptions implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            operation.setSummary(sentence(handler.getMethod().getName()));
        }
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        if (rule != null) {
            operation.addExtension(ServiceApiDescription.RULE_EXTENSION, rule.value());
        }
        return operation;
    }

    /** {@code changePassword} → "Change password". */
    static String sentence(String methodName) {
        String words = methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
