package cn.cityops.municipal.caseflow;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import jakarta.enterprise.context.ApplicationScoped;

/** {@code cityops.cases.*}: duplicate hints and the overdue watch (docs/configuration.md). */
@ApplicationScoped
public class CaseSettings {

    static final String PREFIX = "cityops.cases.";

    private final int duplicateRadiusMetres;
    private final int duplicateWindowHours;
    private final int watchSeconds;

    public CaseSettings() {
        Config c = ConfigProvider.getConfig();
        duplicateRadiusMetres = c.getOptionalValue(PREFIX + "duplicate-radius-m", Integer.class).orElse(50);
        duplicateWindowHours = c.getOptionalValue(PREFIX + "duplicate-window-hours", Integer.class).orElse(72);
        watchSeconds = c.getOptionalValue(PREFIX + "overdue-check-seconds", Integer.class).orElse(60);
    }

    /** Open cases of the same matter within this distance of a new report are offered as likely duplicates. */
    public int duplicateRadiusMetres() {
        return duplicateRadiusMetres;
    }

    /** …if they were reported within this many hours before it. */
    public int duplicateWindowHours() {
        return duplicateWindowHours;
    }

    /** How often stage deadlines are checked for overdue alerts. */
    public int watchSeconds() {
        return watchSeconds;
    }
}
