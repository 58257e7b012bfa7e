package cn.cityops.core.complaint;

import java.util.List;

import cn.cityops.core.config.ConfigCheck;
import cn.cityops.model.validation.InvalidValueException;
import cn.cityops.model.worktime.TimeLimit;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/** {@code cityops.complaints.*}: the time a city is given to handle a forwarded 12319 complaint (docs/configuration.md). */
@ApplicationScoped
public class ComplaintSettings implements ConfigCheck {

    static final String HANDLE_LIMIT = "cityops.complaints.handle-limit";

    private final String handleLimit;

    public ComplaintSettings() {
        handleLimit = ConfigProvider.getConfig().getOptionalValue(HANDLE_LIMIT, String.class).orElse("5工作日");
    }

    @Override
    public List<String> problems() {
        try {
            TimeLimit.of(handleLimit);
            return List.of();
        } catch (InvalidValueException e) {
            return List.of(HANDLE_LIMIT + " must be a time limit such as 5工作日 or 48小时, is " + handleLimit);
        }
    }

    /** From forwarding (and from each reopening) to the city's handling deadline. */
    public TimeLimit handleLimit() {
        return TimeLimit.of(handleLimit);
    }
}
