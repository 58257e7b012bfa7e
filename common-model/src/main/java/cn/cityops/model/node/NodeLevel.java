package cn.cityops.model.node;

import cn.cityops.model.validation.InvalidValueException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Level of a platform node in the three-tier federation. */
public enum NodeLevel {
    /** The ministry's national platform. */
    NATIONAL("国家平台"),
    /** A provincial platform. */
    PROVINCIAL("省级平台"),
    /** A city's platform. */
    MUNICIPAL("市级平台");

    /** Field name used in {@link InvalidValueException}s. */
    public static final String FIELD = "nodeLevel";

    private final String label;

    NodeLevel(String label) {
        this.label = label;
    }

    /** Chinese display label, for example 省级平台. */
    public String label() {
        return label;
    }

    /**
     * Parses a level name case-insensitively ({@code "provincial"}, {@code "PROVINCIAL"}); nothing is trimmed and only
     * ASCII letters match.
     *
     * @throws InvalidValueException (field {@value #FIELD}) for null or unknown names
     */
    public static NodeLevel fromName(String name) {
        if (name != null && name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            for (NodeLevel level : values()) {
                if (level.name().equalsIgnoreCase(name)) {
                    return level;
                }
            }
        }
        throw new InvalidValueException(FIELD, name, "unknown node level " + InvalidValueException.quote(name)
                + ", expected one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
