package cn.cityops.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import cn.cityops.core.bootstrap.NodeBootstrap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Plain JDBC over the node's container data source, for tables where SQL is the clearer tool (row locking with
 * {@code SKIP LOCKED}, bulk status changes, PostGIS functions, statistics). Inside a JTA transaction the connection is
 * enlisted in it, so rows commit or roll back with the business change that wrote them; the data source object is
 * the one obtained at start-up, usable from Camel threads too.
 */
@ApplicationScoped
public class Jdbc {

    @Inject
    NodeBootstrap bootstrap;

    /** A statement's parameters binder. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private DataSource ds() {
        DataSource ds = bootstrap.dataSource();
        if (ds == null) {
            throw new IllegalStateException("database not available yet");
        }
        return ds;
    }

    public int update(String sql, Object... params) {
        try (Connection c = ds().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccess(sql, e);
        }
    }

    /**
     * Runs one statement for each parameter row as a JDBC batch (one round trip for many rows); returns the update
     * count of each row, in order (e.g. 0 for an {@code INSERT … ON CONFLICT DO NOTHING} that found the row).
     */
    public int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (Connection c = ds().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        } catch (SQLException e) {
            SQLException next = e.getNextException();
            throw new DataAccess(sql, next != null ? next : e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = ds().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new DataAccess(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant t) {
                ps.setTimestamp(i + 1, Timestamp.from(t));
            } else if (p instanceof java.util.UUID || p instanceof byte[] || p instanceof Number
                    || p instanceof String || p instanceof Boolean) {
                ps.setObject(i + 1, p);
            } else if (p == null) {
                ps.setObject(i + 1, null);
            } else {
                ps.setString(i + 1, p.toString());
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** A database statement failed; carries the SQL (never parameter values) for the log. */
    public static final class DataAccess extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DataAccess(String sql, SQLException cause) {
            super(cause.getMessage() + " [" + sql.split("\\s+", 3)[0] + "]", cause);
        }

        public String sqlState() {
            return getCause() instanceof SQLException s ? s.getSQLState() : null;
        }
    }
}
