package cn.cityops.core.rest;

import cn.cityops.model.security.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API root of every node ({@code /api}). Authentication is MicroProfile JWT; the data source is defined here
 * from runtime configuration ({@code cityops.db.*}, supplied by environment or system properties — see
 * docs/configuration.md), so nothing environment-specific is inside the WAR.
 */
@ApplicationPath("/api")
@ApplicationScoped // a discovered bean, so the MP-JWT extension sees @LoginConfig in this library jar
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Role.Ids.AUTHENTICATED, Role.Ids.SYSTEM_ADMIN, Role.Ids.SECURITY_ADMIN, Role.Ids.AUDIT_ADMIN,
    Role.Ids.LEADER, Role.Ids.MINISTRY_SUPERVISOR, Role.Ids.PROVINCE_SUPERVISOR, Role.Ids.CITY_TASK_HANDLER,
    Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER, Role.Ids.DEPARTMENT})
@OpenAPIDefinition(info = @Info(title = "城市运行管理服务平台 node API", version = "0.1"))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@DataSourceDefinition(
        name = "java:app/jdbc/cityops",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=cityops.db.url}",
        user = "${MPCONFIG=cityops.db.user}",
        password = "${MPCONFIG=cityops.db.password}",
        minPoolSize = 2,
        maxPoolSize = 20,
        loginTimeout = 5,
        properties = {
            "connectTimeout=5",
            "socketTimeout=60",
            "ApplicationName=cityops",
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
            "fish.payara.fail-all-connections=true",
            // Validation runs "SELECT 1" (with a statement timer) before a pooled connection is handed out; on every
            // hand-out that was one extra round trip per query outside a transaction and per transaction (JFR under
            // CaseBenchIT: ~5 % of node CPU, and 2 round trips per locate). Once per connection per 10 s still finds
            // a dead connection after a database restart, and fail-all-connections then drops them all.
            "fish.payara.validate-atmost-once-period-in-seconds=10",
            "fish.payara.max-wait-time-in-millis=5000",
            "fish.payara.connection-creation-retry-attempts=0"
        })
public class CoreApplication extends Application {
}
