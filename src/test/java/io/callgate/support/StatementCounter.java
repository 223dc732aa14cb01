package io.callgate.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts what callgate asks of its database: statements executed, and transactions (each
 * statement run in auto-commit, and each commit). Import it into a {@link CallgateTest}, inject
 * it, and read {@link #count} around the requests of interest while nothing else runs.
 */
public final class StatementCounter {

    /** Statements and transactions since {@link #count} was last called. */
    public record Counts(int statements, int transactions) {
    }

    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();

    /** What ran since the last call, and starts counting afresh. */
    public Counts count() {
        return new Counts(statements.getAndSet(0), transactions.getAndSet(0));
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        StatementCounter statementCounter() {
            return new StatementCounter();
        }

        @Bean
        static BeanPostProcessor countingDataSource(org.springframework.beans.factory.ObjectProvider<StatementCounter> counter) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? counter.getObject().wrap(dataSource) : bean;
                }
            };
        }
    }

    private DataSource wrap(DataSource dataSource) {
        return (DataSource) proxy(DataSource.class, dataSource, (result, method) ->
                result instanceof Connection connection && method.getName().equals("getConnection")
                        ? wrap(connection) : result);
    }

    private Connection wrap(Connection connection) {
        return (Connection) proxy(Connection.class, connection, (result, method) -> {
            if (method.getName().equals("commit")) {
                transactions.incrementAndGet();
            }
            return result instanceof Statement statement ? wrap(statement, connection) : result;
        });
    }

    private Statement wrap(Statement statement, Connection connection) {
        Class<?> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return (Statement) proxy(type, statement, (result, method) -> {
            if (method.getName().startsWith("execute")) {
                statements.incrementAndGet();
                try {
                    if (connection.getAutoCommit()) {
                        transactions.incrementAndGet();
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return result;
        });
    }

    private interface After {
        Object apply(Object result, Method method);
    }

    private static Object proxy(Class<?> type, Object target, After after) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return method.invoke(target, args);
            }
            try {
                return after.apply(method.invoke(target, args), method);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
