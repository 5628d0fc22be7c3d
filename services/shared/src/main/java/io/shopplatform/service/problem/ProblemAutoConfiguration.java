package io.shopplatform.service.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Registered before Spring MVC's own, which then stands back (it only applies when no such handler exists). */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication
@Import(ProblemResponses.class)
public class ProblemAutoConfiguration {
}
