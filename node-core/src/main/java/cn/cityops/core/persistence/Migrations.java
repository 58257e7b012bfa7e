package cn.cityops.core.persistence;

import javax.sql.DataSource;

import cn.cityops.core.reference.migration.V3__ReferenceData;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs the numbered schema migrations ({@code db/migration/V<n>__*.sql} plus the Java reference-data loader). The
 * only way the schema changes: EclipseLink never generates DDL. Against a current database this is a no-op.
 */
public final class Migrations {

    private Migrations() {
    }

    /** Migrates and returns the resulting schema version. */
    public static String migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V3__ReferenceData())
                .validateMigrationNaming(true)
                .load();
        MigrateResult result = flyway.migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion
                : flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
    }
}
