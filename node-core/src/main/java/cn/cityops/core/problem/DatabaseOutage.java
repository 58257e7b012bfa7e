package cn.cityops.core.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Recognises "the database cannot be reached" anywhere in an exception's cause chain. */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean isCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof SQLTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08xxx connection exceptions, 57P0x admin/crash shutdown, cannot connect now
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            String name = c.getClass().getName();
            String msg = String.valueOf(c.getMessage());
            if (name.endsWith("PoolingException") || msg.contains("Error in allocating a connection")
                    || msg.contains("Connection refused") || msg.contains("This connection has been closed")) {
                return true;
            }
        }
        return false;
    }
}
