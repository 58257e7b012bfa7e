package cn.cityops.core.persistence;

import java.util.Locale;

import javax.sql.DataSource;

import cn.cityops.core.reference.migration.V3__ReferenceData;
import cn.cityops.model.node.NodeLevel;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs the numbered schema migrations: first those every node shares ({@code db/migration/V<n>__*.sql} plus the Java
 * reference-data loader, history in {@code flyway_schema_history}), then those of the node's level if its WAR has
 * any ({@code db/<level>/V<n>__*.sql}, e.g. {@code db/municipal}, with their own history table
 * {@code flyway_history_<level>} so the two numberings never interleave). The only way the schema changes:
 * EclipseLink never generates DDL. Against a current database this is a no-op.
 */
public final class Migrations {

    private Migrations() {
    }

    /** Migrates and returns the resulting schema version ({@code "4"}, or {@code "4+municipal 2"}). */
    public static String migrate(DataSource dataSource, NodeLevel level) {
        ClassLoader loader = Migrations.class.getClassLoader();
        Flyway core = Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V3__ReferenceData())
                .validateMigrationNaming(true)
                .load();
        String version = version(core, core.migrate());
        String name = level.name().toLowerCase(Locale.ROOT);
        if (loader.getResource("db/" + name) == null) {
            return version;
        }
        Flyway own = Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:db/" + name)
                .table("flyway_history_" + name)
                // the shared tables already exist: start this level's history empty (baseline 0), then apply V1…
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .validateMigrationNaming(true)
                .load();
        return version + "+" + name + " " + version(own, own.migrate());
    }

    private static String version(Flyway flyway, MigrateResult result) {
        return result.targetSchemaVersion != null ? result.targetSchemaVersion
                : flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
    }
}
