package cn.cityops.municipal.caseflow;

import java.util.ArrayList;
import java.util.List;

import cn.cityops.core.config.ConfigCheck;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** {@code cityops.cases.*}: duplicate hints and the overdue watch (docs/configuration.md). */
@ApplicationScoped
public class CaseSettings implements ConfigCheck {

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

    @Override
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (duplicateRadiusMetres < 1 || duplicateRadiusMetres > 5000) {
            p.add(PREFIX + "duplicate-radius-m must be 1…5000, is " + duplicateRadiusMetres);
        }
        if (duplicateWindowHours < 1 || duplicateWindowHours > 24 * 90) {
            p.add(PREFIX + "duplicate-window-hours must be 1…2160, is " + duplicateWindowHours);
        }
        if (watchSeconds < 5 || watchSeconds > 3600) {
            p.add(PREFIX + "overdue-check-seconds must be 5…3600, is " + watchSeconds);
        }
        return p;
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
