package cn.cityops.core.config;

/** Every configuration key the platform reads; each is documented in docs/configuration.md. */
public final class ConfigKeys {
    public static final String NODE_ID = "cityops.node.id";
    public static final String NODE_NAME = "cityops.node.name";
    public static final String NODE_BASE_URL = "cityops.node.base-url";
    public static final String NODE_PARENT_URL = "cityops.node.parent-url";
    public static final String DB_URL = "cityops.db.url";
    public static final String DB_USER = "cityops.db.user";
    public static final String DB_PASSWORD = "cityops.db.password";
    public static final String KEYSTORE_PATH = "cityops.keystore.path";
    public static final String KEYSTORE_PASSWORD = "cityops.keystore.password";
    public static final String ADMIN_INITIAL_PASSWORD = "cityops.admin.initial-password";
    public static final String JWT_LIFETIME_MINUTES = "cityops.security.jwt.lifetime-minutes";
    public static final String LOGIN_MAX_FAILURES = "cityops.security.login.max-failures";
    public static final String LOGIN_LOCK_MINUTES = "cityops.security.login.lock-minutes";
    public static final String OFFICE_HOURS = "cityops.worktime.office-hours";
    public static final String TIME_ZONE = "cityops.worktime.zone";

    private ConfigKeys() {
    }

    /** Reads a key from system properties, then from the environment in MicroProfile's env-var form. */
    public static String raw(String key) {
        String v = System.getProperty(key);
        if (v == null) {
            v = System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return v == null || v.isBlank() ? null : v;
    }
}
