package io.shopplatform.service.db;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Times every statement a service executes as {@code shop_db_queries_seconds}, tagged {@code kind=read} or
 * {@code kind=write}, with buckets at the platform's database targets so their percentiles can be checked.
 * Reads are what PgPool balances over the replicas; a locking read ({@code FOR UPDATE}) counts as a write.
 */
final class TimedDataSource extends DelegatingDataSource {

    private final Timer reads, writes;

    TimedDataSource(DataSource target, MeterRegistry meters, Duration... targets) {
        super(target);
        this.reads = timer("read", meters, targets);
        this.writes = timer("write", meters, targets);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connection(super.getConnection(username, password));
    }

    static boolean isRead(String sql) {
        String s = sql.stripLeading().toLowerCase(Locale.ROOT);
        return (s.startsWith("select") || s.startsWith("with")) && !s.contains("for update");
    }

    private Connection connection(Connection target) {
        return (Connection) proxy(Connection.class, target, (method, args) -> {
            Object result = method.invoke(target, args);
            if (result instanceof Statement statement) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                return statement(method.getReturnType(), statement, sql);
            }
            return result;
        });
    }

    private Object statement(Class<?> type, Statement target, String preparedSql) {
        return proxy(type, target, (method, args) -> {
            if (!method.getName().startsWith("execute")) {
                return method.invoke(target, args);
            }
            String sql = preparedSql != null ? preparedSql
                    : args != null && args.length > 0 && args[0] instanceof String s ? s : "";
            Timer.Sample sample = Timer.start();
            try {
                return method.invoke(target, args);
            } finally {
                sample.stop(isRead(sql) ? reads : writes);
            }
        });
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    private static Object proxy(Class<?> type, Object target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return method.invoke(target, args);
            }
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return Proxy.newProxyInstance(TimedDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Timer timer(String kind, MeterRegistry meters, Duration... targets) {
        return Timer.builder("shop.db.queries").tag("kind", kind)
                .description("statements executed against the database, by kind")
                .serviceLevelObjectives(targets)
                .register(meters);
    }
}
