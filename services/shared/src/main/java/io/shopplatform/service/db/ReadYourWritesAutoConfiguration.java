package io.shopplatform.service.db;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The read-your-writes fence of a service with a database; see {@link ReadYourWrites}. */
@AutoConfiguration(after = {JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class})
@ConditionalOnBean(JdbcTemplate.class)
@EnableConfigurationProperties(DatabaseProperties.class)
public class ReadYourWritesAutoConfiguration {

    @Bean
    ReadYourWrites readYourWrites(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                  DatabaseProperties props, MeterRegistry meters) {
        TransactionTemplate reads = new TransactionTemplate(transactions);
        reads.setReadOnly(true);
        return new ReadYourWrites(jdbc, reads, props.maxReplicaLag(), meters);
    }

    /**
     * Every committed read-write transaction announces its position (and answers its client with it). The fence is
     * looked up at the first commit: it needs the transaction manager, which is built with this listener.
     */
    @Bean
    TransactionExecutionListener announceCommittedWrites(ObjectProvider<ReadYourWrites> fence) {
        return new TransactionExecutionListener() {
            @Override
            public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
                if (commitFailure == null && transaction.isNewTransaction() && !transaction.isReadOnly()) {
                    fence.getObject().written();
                }
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Web implements WebMvcConfigurer {
        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new ReadYourWritesWeb());
        }
    }
}
