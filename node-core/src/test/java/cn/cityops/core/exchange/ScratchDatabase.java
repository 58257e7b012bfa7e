package cn.cityops.core.exchange;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.logging.Logger;

import javax.sql.DataSource;

import cn.cityops.core.bootstrap.NodeBootstrap;
import cn.cityops.core.persistence.Jdbc;

/**
 * The exchange tables of V4 in a scratch schema of the database named by {@code CITYOPS_TEST_DB_URL} (deploy/test.sh
 * provides it; tests using this are skipped without it), on one connection; {@link #tx} simulates a container
 * {@code REQUIRES_NEW} transaction (commit on return, roll back on an exception).
 */
final class ScratchDatabase implements AutoCloseable {

    interface Work<T> {
        T run() throws Exception;
    }

    final Connection connection;
    private final String schema;

    /** Creates the schema with the exchange tables and runs {@code extraDdl} in it. */
    ScratchDatabase(String prefix, String... extraDdl) throws Exception {
        String url = System.getProperty("CITYOPS_TEST_DB_URL", System.getenv("CITYOPS_TEST_DB_URL"));
        assumeTrue(url != null && !url.isBlank(), "CITYOPS_TEST_DB_URL not set (run through deploy/test.sh)");
        connection = DriverManager.getConnection(url, System.getProperty("CITYOPS_TEST_DB_USER",
                System.getenv("CITYOPS_TEST_DB_USER")), System.getProperty("CITYOPS_TEST_DB_PASSWORD",
                        System.getenv("CITYOPS_TEST_DB_PASSWORD")));
        schema = prefix + "_" + Long.toHexString(System.nanoTime());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("SET search_path TO " + schema);
            try (InputStream in = ScratchDatabase.class.getResourceAsStream("/db/migration/V4__exchange.sql")) {
                s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            for (String ddl : extraDdl) {
                s.execute(ddl);
            }
        }
        connection.setAutoCommit(false);
    }

    /** A {@link Jdbc} on the one connection, whose close() the code under test must not really close. */
    Jdbc jdbc() throws Exception {
        Connection shared = (Connection) Proxy.newProxyInstance(ScratchDatabase.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> "close".equals(m.getName()) ? null
                        : m.invoke(connection, a));
        DataSource ds = (DataSource) Proxy.newProxyInstance(ScratchDatabase.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, m, a) -> switch (m.getName()) {
                    case "getConnection" -> shared;
                    case "getLogWriter" -> (PrintWriter) null;
                    case "getParentLogger" -> Logger.getGlobal();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Jdbc jdbc = new Jdbc();
        set(jdbc, Jdbc.class, "bootstrap", new NodeBootstrap() {
            @Override
            public DataSource dataSource() {
                return ds;
            }
        });
        return jdbc;
    }

    /** REQUIRES_NEW on the shared connection. */
    <T> T tx(Work<T> w) throws Exception {
        try {
            T t = w.run();
            connection.commit();
            return t;
        } catch (Exception | Error e) {
            connection.rollback();
            throw e;
        }
    }

    static void set(Object target, Class<?> owner, String field, Object value) throws Exception {
        Field f = owner.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    @Override
    public void close() throws Exception {
        connection.rollback();
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        connection.close();
    }
}
