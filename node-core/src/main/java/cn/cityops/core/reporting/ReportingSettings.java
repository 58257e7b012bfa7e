package cn.cityops.core.reporting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import cn.cityops.core.config.ConfigCheck;
import cn.cityops.model.validation.InvalidValueException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** {@code cityops.reporting.*}: the reporting cadence, how often a city checks it, the grace before "missing". */
@ApplicationScoped
public class ReportingSettings implements ConfigCheck {

    static final String PREFIX = "cityops.reporting.";

    private final List<String> problems = new ArrayList<>();
    private final ReportPeriods.Cadence cadence;
    private final int checkSeconds;
    private final int graceHours;

    public ReportingSettings() {
        Config c = ConfigProvider.getConfig();
        ReportPeriods.Cadence parsed;
        try {
            parsed = ReportPeriods.Cadence.parse(c.getOptionalValue(PREFIX + "cadence", String.class).orElse("DAY"));
        } catch (InvalidValueException e) {
            problems.add(PREFIX + "cadence must be DAY, WEEK or MONTH");
            parsed = ReportPeriods.Cadence.DAY;
        }
        cadence = parsed;
        checkSeconds = integer(c, "check-seconds", 600);
        graceHours = integer(c, "grace-hours", 6);
        if (checkSeconds < 1 || checkSeconds > 86400) {
            problems.add(PREFIX + "check-seconds must be 1…86400, is " + checkSeconds);
        }
        if (graceHours < 0 || graceHours > 24 * 31) {
            problems.add(PREFIX + "grace-hours must be 0…744, is " + graceHours);
        }
    }

    private int integer(Config c, String key, int def) {
        try {
            return c.getOptionalValue(PREFIX + key, String.class).map(String::trim).map(Integer::parseInt)
                    .orElse(def);
        } catch (NumberFormatException e) {
            problems.add(PREFIX + key + " must be an integer");
            return def;
        }
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The scheduled reporting period (every city of the federation is expected to use the same). */
    public ReportPeriods.Cadence cadence() {
        return cadence;
    }

    /** How often a city checks whether the last completed period has been reported. */
    public int checkSeconds() {
        return checkSeconds;
    }

    /** How long after a period ends its report may still arrive before the city is flagged as missing it. */
    public Duration grace() {
        return Duration.ofHours(graceHours);
    }
}
